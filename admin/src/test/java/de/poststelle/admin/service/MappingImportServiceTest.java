package de.poststelle.admin.service;

import de.poststelle.admin.testapp.AdminTestApplication;
import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.AuditLogRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static de.poststelle.admin.service.MappingImportService.Mode.ADD;
import static de.poststelle.admin.service.MappingImportService.Mode.REPLACE;
import static de.poststelle.admin.service.MappingImportService.Outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.datasource.url=jdbc:h2:mem:import;DB_CLOSE_DELAY=-1")
class MappingImportServiceTest {

    @Autowired MappingImportService imports;
    @Autowired MappingService mappings;
    @Autowired TenantService tenants;
    @Autowired DomainService domains;
    @Autowired AdminAccountService accounts;
    @Autowired AdminUserRepository users;
    @Autowired AccessControl access;
    @Autowired AuditLogRepository auditLog;

    Actor operator;
    long tenant;
    String demail;
    String mail;

    @BeforeEach
    void tenantWithDomains() {
        operator = actor("admin");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tenant = tenants.create(operator, "Stadt " + suffix, new Contact("", "", "")).id();
        demail = "stadt-" + suffix + ".de-mail.de";
        mail = "stadt-" + suffix + ".de";
        domains.create(operator, tenant, demail, operatorSettings(DomainKind.DEMAIL),
                new DomainService.DeliverySettings(Optional.empty(), UnmappedPolicy.BOUNCE_ALL, Optional.empty()));
        domains.create(operator, tenant, mail, operatorSettings(DomainKind.MAIL),
                new DomainService.DeliverySettings(Optional.of(NextHop.of("127.0.0.1", 2526, TlsMode.OPPORTUNISTIC)),
                        UnmappedPolicy.BOUNCE_ALL, Optional.empty()));
    }

    @Test
    void dryRunReportsEveryLineAndChangesNothing() {
        String csv = "email;demail\n"
                + "Anna.Berg@" + mail + ";anna.berg@" + demail + "\n"
                + "not-an-address;x@" + demail + "\n"
                + "carl@" + mail + ";carl@elsewhere.de-mail.de\n";

        MappingImportService.Report report = imports.importCsv(operator, tenant, new StringReader(csv), ADD, true);

        assertThat(report.applied()).isFalse();
        assertThat(report.lines()).extracting(MappingImportService.Line::number, MappingImportService.Line::outcome)
                .containsExactly(tuple(2, Outcome.ADD),
                        tuple(3, Outcome.ERROR),
                        tuple(4, Outcome.ERROR));
        assertThat(report.lines().get(1).message()).contains("local@domain");
        assertThat(report.lines().get(2).message()).contains("not in one of the tenant's De-Mail domains");
        assertThat(mappings.list(operator, tenant)).isEmpty();
    }

    @Test
    void oneBadLineStopsTheWholeImport() {
        String csv = "email,demail\n"
                + "anna@" + mail + ",anna@" + demail + "\n"
                + "bert@" + mail + ",anna@" + demail + "\n";

        MappingImportService.Report report = imports.importCsv(operator, tenant, new StringReader(csv), ADD, false);

        assertThat(report.applied()).isFalse();
        assertThat(report.lines().get(1).message()).contains("line 2 already");
        assertThat(mappings.list(operator, tenant)).isEmpty();
    }

    @Test
    void importAddsThenReplaceSynchronisesAndIsAudited() {
        imports.importCsv(operator, tenant, new StringReader("email;demail\nanna@" + mail + ";anna@" + demail
                + "\nbert@" + mail + ";bert@" + demail + "\n"), ADD, false);
        assertThat(mappings.list(operator, tenant)).hasSize(2);

        MappingImportService.Report report = imports.importCsv(operator, tenant, new StringReader(
                "email;demail\nanna@" + mail + ";anna@" + demail + "\nbert@" + mail + ";bert.neu@" + demail
                        + "\ncarl@" + mail + ";carl@" + demail + "\n"), REPLACE, false);
        assertThat(report.applied()).isTrue();
        assertThat(report.count(Outcome.UNCHANGED)).isEqualTo(1);
        assertThat(report.count(Outcome.CHANGE)).isEqualTo(1);
        assertThat(report.count(Outcome.ADD)).isEqualTo(1);

        report = imports.importCsv(operator, tenant, new StringReader("email;demail\ncarl@" + mail + ";carl@" + demail),
                REPLACE, false);
        assertThat(report.count(Outcome.REMOVE)).isEqualTo(2);
        assertThat(mappings.list(operator, tenant)).extracting(m -> m.email().toString())
                .containsExactly("carl@" + mail);
        assertThat(auditLog.find(new AuditLogRepository.Query(Optional.empty(), Optional.of(tenant), Optional.empty(),
                Optional.of("mapping.import"), Optional.empty(), Optional.empty(), Optional.empty(), 10, 0)))
                .hasSize(3).first().satisfies(entry -> assertThat(entry.details()).contains("removed 2"));
    }

    @Test
    void addModeRefusesToRemapAnAddress() {
        mappings.add(operator, tenant, MailAddress.parse("anna@" + mail), MailAddress.parse("anna@" + demail));

        MappingImportService.Report report = imports.importCsv(operator, tenant,
                new StringReader("email;demail\nanna@" + mail + ";a.berg@" + demail), ADD, false);

        assertThat(report.lines().getFirst().message()).contains("use REPLACE");
        assertThat(mappings.list(operator, tenant)).extracting(AddressMapping::demail)
                .containsExactly(MailAddress.parse("anna@" + demail));
    }

    @Test
    void missingHeaderIsReported() {
        MappingImportService.Report report = imports.importCsv(operator, tenant,
                new StringReader("anna@" + mail + ";anna@" + demail), ADD, true);

        assertThat(report.lines()).singleElement()
                .satisfies(line -> assertThat(line.message()).contains("columns email and demail"));
    }

    @Test
    void aByteOrderMarkAsSpreadsheetsWriteItIsSkipped() {
        MappingImportService.Report report = imports.importCsv(operator, tenant,
                new StringReader("\uFEFFemail;demail\nanna@" + mail + ";anna@" + demail), ADD, true);

        assertThat(report.lines()).extracting(MappingImportService.Line::outcome).containsExactly(Outcome.ADD);
    }

    @Test
    void exportWritesWhatImportReads() {
        mappings.add(operator, tenant, MailAddress.parse("anna@" + mail), MailAddress.parse("anna@" + demail));
        StringWriter out = new StringWriter();

        imports.exportCsv(operator, tenant, out);

        assertThat(out.toString()).isEqualTo("email;demail\r\nanna@" + mail + ";anna@" + demail + "\r\n");
        MappingImportService.Report again = imports.importCsv(operator, tenant, new StringReader(out.toString()),
                REPLACE, true);
        assertThat(again.lines()).extracting(MappingImportService.Line::outcome).containsExactly(Outcome.UNCHANGED);
    }

    @Test
    void onlyTheTenantsAccountAdminMayImport() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        accounts.createTenantAdmin(operator, tenant, "tech-" + suffix, "", "", List.of(Role.TECHNICAL_ADMIN));
        long other = tenants.create(operator, "Andere " + suffix, new Contact("", "", "")).id();
        accounts.createTenantAdmin(operator, other, "acct-" + suffix, "", "", List.of(Role.ACCOUNT_ADMIN));
        String csv = "email;demail\nanna@" + mail + ";anna@" + demail;

        assertThatThrownBy(() -> imports.importCsv(actor("tech-" + suffix), tenant, new StringReader(csv), ADD, true))
                .hasMessageContaining("ACCOUNT_ADMIN");
        assertThatThrownBy(() -> imports.importCsv(actor("acct-" + suffix), tenant, new StringReader(csv), ADD, true))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> imports.exportCsv(actor("acct-" + suffix), tenant, new StringWriter()))
                .isInstanceOf(NotFoundException.class);
    }

    private Actor actor(String username) {
        return new Actor(access.authorityOf(users.findByUsername(username).orElseThrow()), "127.0.0.1");
    }

    private static DomainService.OperatorSettings operatorSettings(DomainKind kind) {
        return new DomainService.OperatorSettings(kind, Optional.empty(), SendDirection.SEND_AND_RECEIVE,
                List.of(CidrRange.parse("127.0.0.1")));
    }
}
