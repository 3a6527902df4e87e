package de.poststelle.store;

import com.zaxxer.hikari.HikariDataSource;
import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.notice.NoticeKind;
import de.poststelle.core.notice.NoticeLanguage;
import de.poststelle.core.notice.NoticeTemplate;
import de.poststelle.core.notice.NoticeTemplates;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.AuditEntry;
import de.poststelle.core.tenant.ChangeRequest;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Delegation;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.GatewayCluster;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.core.tenant.ScanPolicy;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.RoleGrant;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.TermsAcceptance;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.AuditLogRepository;
import de.poststelle.store.tenant.ChangeRequestRepository;
import de.poststelle.store.tenant.ClusterRepository;
import de.poststelle.store.tenant.DelegationRepository;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.MappingRepository;
import de.poststelle.store.tenant.NodeRepository;
import de.poststelle.store.tenant.NoticeTemplateRepository;
import de.poststelle.store.tenant.OperatorSettingsRepository;
import de.poststelle.store.tenant.ScanPolicyRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tenant configuration survives a round trip through H2 and PostgreSQL unchanged. */
class TenantRepositoriesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private Tenant tenant(TestDatabase database) throws Exception {
        dataSource = database.create();
        return new TenantRepository(dataSource, Clock.fixed(T0, ZoneOffset.UTC))
                .create("Stadt Musterhausen", new Contact("Frau Muster", "it@musterhausen.de", "0351 123"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void domainsKeepEverySettingAndTheirAllowedSenders(TestDatabase database) throws Exception {
        Tenant tenant = tenant(database);
        new ClusterRepository(dataSource).save(new GatewayCluster("dresden-1", "Rechenzentrum Dresden"));
        DomainRepository domains = new DomainRepository(dataSource);
        TenantDomain demail = new TenantDomain("Musterhausen.De-Mail.de", tenant.id(), DomainKind.DEMAIL,
                Optional.of("dresden-1"), SendDirection.RECEIVE_ONLY, Optional.empty(), UnmappedPolicy.CATCH_ALL,
                Optional.of(MailAddress.parse("poststelle@musterhausen.de")),
                List.of(CidrRange.parse("10.1.0.0/16"), CidrRange.parse("2001:db8::/32")));
        TenantDomain mail = new TenantDomain("musterhausen.de", tenant.id(), DomainKind.MAIL, Optional.empty(),
                SendDirection.SEND_AND_RECEIVE, Optional.of(NextHop.of("mx.musterhausen.de", 25, TlsMode.REQUIRED)),
                UnmappedPolicy.BOUNCE_ALL, Optional.empty(), List.of());
        domains.insert(demail);
        domains.insert(mail);

        assertThat(domains.find("musterhausen.de-mail.de")).get().usingRecursiveComparison().isEqualTo(demail);
        assertThat(domains.ofTenant(tenant.id())).extracting(TenantDomain::name)
                .containsExactly("musterhausen.de", "musterhausen.de-mail.de");
        assertThat(new ClusterRepository(dataSource).inUse("dresden-1")).isTrue();

        TenantDomain changed = new TenantDomain(mail.name(), tenant.id(), DomainKind.MAIL, Optional.of("dresden-1"),
                SendDirection.SEND_ONLY, Optional.empty(), UnmappedPolicy.BOUNCE_ALL, Optional.empty(),
                List.of(CidrRange.parse("192.0.2.10")));
        domains.update(changed);
        assertThat(domains.find(mail.name())).get().usingRecursiveComparison().isEqualTo(changed);
        assertThat(domains.delete(mail.name())).isTrue();
        assertThat(domains.all()).containsExactly(domains.find(demail.name()).orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anAddressIsMappedOnceInEachDirection(TestDatabase database) throws Exception {
        Tenant tenant = tenant(database);
        MappingRepository mappings = new MappingRepository(dataSource);
        mappings.add(new AddressMapping(tenant.id(), MailAddress.parse("Anna.Berg@musterhausen.de"),
                MailAddress.parse("anna.berg@musterhausen.de-mail.de")));

        assertThat(mappings.byDemail(MailAddress.parse("ANNA.BERG@Musterhausen.De-Mail.de")))
                .get().extracting(m -> m.email().toString()).isEqualTo("anna.berg@musterhausen.de");
        assertThatThrownBy(() -> mappings.add(new AddressMapping(tenant.id(), MailAddress.parse("anna.berg@musterhausen.de"),
                MailAddress.parse("a.berg@musterhausen.de-mail.de")))).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> mappings.add(new AddressMapping(tenant.id(), MailAddress.parse("ab@musterhausen.de"),
                MailAddress.parse("anna.berg@musterhausen.de-mail.de")))).isInstanceOf(DuplicateKeyException.class);
        assertThat(mappings.remove(tenant.id(), MailAddress.parse("anna.berg@musterhausen.de"))).isTrue();
        assertThat(mappings.ofTenant(tenant.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void accountsLockAfterRepeatedFailuresAndKeepTheirRoles(TestDatabase database) throws Exception {
        Tenant tenant = tenant(database);
        AdminUserRepository users = new AdminUserRepository(dataSource, Clock.fixed(T0, ZoneOffset.UTC));
        var user = users.create("k.meier", "Karl Meier", "k.meier@musterhausen.de", false, "{argon2}hash");
        assertThat(users.anyOperator()).isFalse();

        for (int i = 0; i < 3; i++) {
            users.recordFailedLogin(user.id(), 3, T0.plus(Duration.ofMinutes(15)));
        }
        assertThat(users.credentials("k.meier")).get().satisfies(c -> {
            assertThat(c.lockedUntil()).contains(T0.plus(Duration.ofMinutes(15)));
            assertThat(c.passwordHash()).isEqualTo("{argon2}hash");
        });
        users.recordSuccessfulLogin(user.id());
        assertThat(users.credentials("k.meier").orElseThrow().lockedUntil()).isEmpty();

        assertThat(users.grant(new RoleGrant(user.id(), tenant.id(), Role.ACCOUNT_ADMIN))).isTrue();
        assertThat(users.grant(new RoleGrant(user.id(), tenant.id(), Role.ACCOUNT_ADMIN))).isFalse();
        assertThat(users.grantsIn(tenant.id())).containsExactly(new RoleGrant(user.id(), tenant.id(), Role.ACCOUNT_ADMIN));
        assertThat(users.revoke(new RoleGrant(user.id(), tenant.id(), Role.ACCOUNT_ADMIN))).isTrue();
        assertThat(users.grantsOf(user.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void delegationsAreKeptWhenRevoked(TestDatabase database) throws Exception {
        Tenant tenant = tenant(database);
        var partner = new AdminUserRepository(dataSource, Clock.systemUTC()).create("partner", "", "", false, "x");
        DelegationRepository delegations = new DelegationRepository(dataSource);
        Delegation granted = delegations.create(new Delegation(0, tenant.id(), partner.id(),
                Set.of(Role.ACCOUNT_ADMIN, Role.TECHNICAL_ADMIN), true, T0, Optional.of(T0.plus(Duration.ofDays(28))),
                "k.meier", T0, Optional.empty()));

        assertThat(delegations.ofGrantee(partner.id())).singleElement().satisfies(d -> {
            assertThat(d.roles()).containsExactlyInAnyOrder(Role.ACCOUNT_ADMIN, Role.TECHNICAL_ADMIN);
            assertThat(d.activeAt(T0.plus(Duration.ofDays(27)))).isTrue();
            assertThat(d.activeAt(T0.plus(Duration.ofDays(28)))).isFalse();
        });
        assertThat(delegations.revoke(granted.id(), "k.meier", T0.plus(Duration.ofDays(1)))).isTrue();
        assertThat(delegations.revoke(granted.id(), "k.meier", T0.plus(Duration.ofDays(2)))).isFalse();
        assertThat(delegations.ofTenant(tenant.id())).singleElement()
                .satisfies(d -> assertThat(d.activeAt(T0.plus(Duration.ofDays(1)))).isFalse());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void changeRequestsAndTermsAndTheAuditLog(TestDatabase database) throws Exception {
        Tenant tenant = tenant(database);
        TenantRepository tenants = new TenantRepository(dataSource, Clock.systemUTC());
        tenants.acceptTerms(tenant.id(), new TermsAcceptance("2026-1", "k.meier", T0));
        assertThat(tenants.find(tenant.id()).orElseThrow().terms()).contains(new TermsAcceptance("2026-1", "k.meier", T0));

        ChangeRequestRepository requests = new ChangeRequestRepository(dataSource);
        ChangeRequest mailbox = requests.file(Optional.of(tenant.id()), ChangeRequest.Scenario.NEW_MAILBOX,
                "Postfach für das Bürgeramt", "k.meier", T0);
        ChangeRequest newTenant = requests.file(Optional.empty(), ChangeRequest.Scenario.NEW_TENANT,
                "Gemeinde Beispieldorf anschließen", "partner", T0);
        requests.update(mailbox.id(), ChangeRequest.State.DONE, "a.admin", "angelegt", T0.plusSeconds(60));
        assertThat(requests.visibleTo(List.of(tenant.id()), "k.meier")).extracting(ChangeRequest::id)
                .containsExactly(mailbox.id());
        assertThat(requests.visibleTo(List.of(), "partner")).extracting(ChangeRequest::id).containsExactly(newTenant.id());
        assertThat(requests.find(mailbox.id()).orElseThrow().state()).isEqualTo(ChangeRequest.State.DONE);
        assertThat(tenants.deleteIfEmpty(tenant.id())).isFalse();

        AuditLogRepository audit = new AuditLogRepository(dataSource);
        audit.append(new AuditEntry(0, T0, "k.meier", "192.0.2.1", Optional.of(tenant.id()), "mapping.add",
                "anna@musterhausen.de", "anna <-> anna", Optional.of(7L)));
        audit.append(new AuditEntry(0, T0.plusSeconds(1), "admin", "", Optional.empty(), "cluster.create",
                "dresden-1", "", Optional.empty()));
        assertThat(audit.find(query(Optional.of(List.of(tenant.id())), Optional.empty())))
                .singleElement().satisfies(e -> assertThat(e.delegationId()).contains(7L));
        assertThat(audit.find(query(Optional.of(List.of()), Optional.empty()))).isEmpty();
        assertThat(audit.find(query(Optional.empty(), Optional.of("DRESDEN")))).extracting(AuditEntry::action)
                .containsExactly("cluster.create");
        assertThat(audit.find(query(Optional.empty(), Optional.empty()))).extracting(AuditEntry::action)
                .containsExactly("cluster.create", "mapping.add");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nodesRegisterInTheirClusterAndReportLife(TestDatabase database) throws Exception {
        dataSource = database.create();
        ClusterRepository clusters = new ClusterRepository(dataSource);
        NodeRepository nodes = new NodeRepository(dataSource, clusters);

        nodes.started("node-a", "leipzig", T0);
        nodes.started("node-b", "leipzig", T0);
        nodes.seen("node-a", T0.plusSeconds(30));
        nodes.started("node-b", "dresden", T0.plusSeconds(60));

        assertThat(clusters.all()).extracting(GatewayCluster::name).containsExactly("dresden", "leipzig");
        assertThat(nodes.all()).containsExactly(
                new NodeRepository.Node("node-b", "dresden", T0.plusSeconds(60), T0.plusSeconds(60)),
                new NodeRepository.Node("node-a", "leipzig", T0, T0.plusSeconds(30)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void operatorSettingsStartEmptyAndKeepWhatWasSaved(TestDatabase database) throws Exception {
        dataSource = database.create();
        new ClusterRepository(dataSource).save(new GatewayCluster("dresden-1", "Rechenzentrum Dresden"));
        OperatorSettingsRepository settings = new OperatorSettingsRepository(dataSource);
        assertThat(settings.load()).as("as the migration seeded it").isEqualTo(
                new OperatorSettings(Optional.empty(), new Contact("", "", ""), Optional.empty()));

        OperatorSettings saved = new OperatorSettings(Optional.of("2026-1"),
                new Contact("Service-Desk ITSP", "servicedesk@itsp.example", "0351 999"), Optional.of("dresden-1"));
        settings.save(saved);

        assertThat(settings.load()).isEqualTo(saved);
        assertThat(settings.isDefaultCluster("dresden-1")).isTrue();
        assertThatThrownBy(() -> settings.save(new OperatorSettings(Optional.empty(), saved.supportContact(),
                Optional.of("gibt-es-nicht")))).as("the default cluster must exist")
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void scanPolicyIsTheDefaultUntilSetAndGoesWithItsTenant(TestDatabase database) throws Exception {
        Tenant tenant = tenant(database);
        ScanPolicyRepository policies = new ScanPolicyRepository(dataSource);
        assertThat(policies.find(tenant.id())).isEqualTo(ScanPolicy.DEFAULT);

        ScanPolicy saved = new ScanPolicy(true, false, List.of(MailAddress.parse("sicherheit@musterhausen.de"),
                MailAddress.parse("leitstelle@musterhausen.de")));
        policies.save(tenant.id(), saved);
        assertThat(policies.find(tenant.id())).isEqualTo(saved);
        policies.save(tenant.id(), ScanPolicy.DEFAULT);
        assertThat(policies.find(tenant.id())).as("saved again: updated, not duplicated").isEqualTo(ScanPolicy.DEFAULT);
        assertThat(policies.find(tenant.id() + 1)).as("another tenant's").isEqualTo(ScanPolicy.DEFAULT);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void noticeTextsAreKeptPerNoticeAndLanguageUntilReplacedAndGoWithTheirTenant(TestDatabase database) throws Exception {
        Tenant tenant = tenant(database);
        NoticeTemplateRepository templates = new NoticeTemplateRepository(dataSource);
        assertThat(templates.find(tenant.id())).isEqualTo(NoticeTemplates.BUILT_IN);

        NoticeTemplates saved = NoticeTemplates.of(List.of(
                new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.DE, "Post vom Bürgeramt Musterhausen",
                        "Guten Tag,\n\nÖffnen Sie {link} bis {gueltig_bis}.\nFragen: 0351 123-0 (Frau Groß)"),
                new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.EN, "Mail from the citizens' office", ""),
                new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN, "", "New mail from {absender}: {link}")));
        templates.save(tenant.id(), saved);
        assertThat(templates.find(tenant.id()).templates()).containsExactlyInAnyOrderElementsOf(saved.templates());
        assertThat(templates.find(tenant.id() + 1)).as("another tenant's").isEqualTo(NoticeTemplates.BUILT_IN);

        NoticeTemplates replaced = NoticeTemplates.of(List.of(
                new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.DE, "Neue Post", "")));
        templates.save(tenant.id(), replaced);
        assertThat(templates.find(tenant.id())).isEqualTo(replaced);

        assertThat(new TenantRepository(dataSource, Clock.systemUTC()).deleteIfEmpty(tenant.id())).isTrue();
        assertThat(templates.find(tenant.id())).isEqualTo(NoticeTemplates.BUILT_IN);
    }

    private static AuditLogRepository.Query query(Optional<Collection<Long>> tenants, Optional<String> text) {
        return new AuditLogRepository.Query(tenants, Optional.empty(), Optional.empty(), Optional.empty(), text,
                Optional.empty(), Optional.empty(), 50, 0);
    }
}
