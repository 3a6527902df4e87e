package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DomainService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.app.config.PoststelleProperties;
import de.poststelle.app.domains.ConfiguredDomainImport;
import de.poststelle.app.domains.DatabaseDomainDirectory;
import de.poststelle.core.CidrRange;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.AuditEntry;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.AuditLogRepository;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.MappingRepository;
import de.poststelle.store.tenant.TenantRepository;
import de.poststelle.admin.access.AuditTrail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway reads its served domains and De-Mail mappings from the tenant model: an operator
 * changes them through the admin services and the next SMTP transaction follows, without a restart.
 * De-Mail mappings are tested with the De-Mail provider in {@link DemailGatewayTest}.
 * The cache lifetime is set to an hour here, so only the change event can make a change visible.
 * {@link PostgresDomainModelGatewayTest} runs the same tests on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DomainModelGatewayTest {

    /** The tenants' own mail server: receives mail for their internal addresses. */
    @RegisterExtension
    static final GreenMailExtension tenantServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        gatewayOnTheModel(registry);
        registry.add("poststelle.domains[0].name", () -> "Importiert.example");
        registry.add("poststelle.domains[0].tenant", () -> "aus-der-datei");
        registry.add("poststelle.domains[0].receiving-server.host", () -> "127.0.0.1");
        registry.add("poststelle.domains[0].receiving-server.port", () -> tenantServer.getSmtp().getPort());
        registry.add("poststelle.domains[0].receiving-server.tls", () -> "NONE");
        registry.add("poststelle.domains[0].allowed-senders[0]", () -> "192.0.2.0/24");
    }

    /**
     * A fresh embedded gateway on a free SMTP port whose domain cache lives an hour, so that only the
     * change event an admin action sends can make the change visible to the next SMTP transaction.
     */
    static void gatewayOnTheModel(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("poststelle-model-test");
        registry.add("poststelle.data-dir", dataDir::toString);
        registry.add("poststelle.hostname", () -> "gw.test");
        registry.add("poststelle.smtp.port", () -> "0");
        registry.add("poststelle.delivery.poll-interval", () -> "200ms");
        registry.add("poststelle.config-refresh", () -> "1h");
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    AdminUserRepository users;
    @Autowired
    AccessControl access;
    @Autowired
    TenantService tenants;
    @Autowired
    DomainService domainService;
    @Autowired
    DomainRepository domainRepository;
    @Autowired
    MappingRepository mappingRepository;
    @Autowired
    TenantRepository tenantRepository;
    @Autowired
    AuditLogRepository auditLog;
    @Autowired
    AuditTrail auditTrail;
    @Autowired
    TransactionTemplate transactions;

    private Actor operator;

    @BeforeEach
    void actAsTheFirstOperator() {
        operator = new Actor(access.authorityOf(users.findByUsername("admin").orElseThrow()), "127.0.0.1");
    }

    private long newTenant(String name) {
        return tenants.create(operator, name, new Contact("Poststelle", "it@" + name + ".example", "")).id();
    }

    private NextHop tenantHop() {
        return NextHop.of("127.0.0.1", tenantServer.getSmtp().getPort(), TlsMode.NONE);
    }

    private void mailDomain(long tenant, String name, SendDirection direction) {
        domainService.create(operator, tenant, name,
                new DomainService.OperatorSettings(DomainKind.MAIL, Optional.empty(), direction,
                        List.of(CidrRange.parse("127.0.0.1"))),
                new DomainService.DeliverySettings(Optional.of(tenantHop()), UnmappedPolicy.BOUNCE_ALL, Optional.empty()));
    }

    private String rcpt(String from, String to) throws IOException {
        return SmtpTestClient.rcpt(smtpServer.port(), from, to);
    }

    private String send(String to, String subject) throws IOException {
        return SmtpTestClient.sendFromOutside(smtpServer.port(), to, subject);
    }

    private static MimeMessage awaitDelivery(String mailbox, String subject) {
        return GatewaySpineTest.awaitDelivery(tenantServer, mailbox, subject);
    }

    @Test
    void aReceiveOnlyDomainMayNoLongerSendOutFromItsAllowedServer() throws Exception {
        long tenant = newTenant("amt-empfang");
        mailDomain(tenant, "amt2.example", SendDirection.SEND_AND_RECEIVE);
        assertThat(rcpt("sachbearbeiter@amt2.example", "buerger@extern.example")).startsWith("250");

        domainService.updateOperatorSettings(operator, "amt2.example", new DomainService.OperatorSettings(
                DomainKind.MAIL, Optional.empty(), SendDirection.RECEIVE_ONLY, List.of(CidrRange.parse("127.0.0.1"))));
        assertThat(rcpt("sachbearbeiter@amt2.example", "buerger@extern.example"))
                .isEqualTo("550 5.7.1 Relaying denied: amt2.example sends no mail through this gateway");
        assertThat(send("poststelle@amt2.example", "still receiving")).startsWith("250");
        awaitDelivery("poststelle@amt2.example", "still receiving");
    }

    @Test
    void aSendOnlyDomainReceivesNothing() throws Exception {
        long tenant = newTenant("amt-ausgang");
        mailDomain(tenant, "amt3.example", SendDirection.SEND_ONLY);
        assertThat(rcpt("buerger@web.example", "poststelle@amt3.example"))
                .isEqualTo("550 5.7.1 amt3.example receives no mail through this gateway");
        assertThat(rcpt("sachbearbeiter@amt3.example", "buerger@extern.example")).startsWith("250");
    }

    @Test
    void aChangeOnAnotherNodeShowsOnceTheRefreshIntervalHasPassed() {
        MutableClock clock = new MutableClock();
        DatabaseDomainDirectory directory =
                new DatabaseDomainDirectory(domainRepository, mappingRepository, Duration.ofSeconds(10), clock);
        long tenant = newTenant("amt-anderer-knoten");
        assertThat(directory.find("amt4.example")).isEmpty();

        // Written straight into the database, as another node would: no change event reaches this node.
        domainRepository.insert(new TenantDomain("amt4.example", tenant, DomainKind.MAIL, Optional.empty(),
                SendDirection.SEND_AND_RECEIVE, Optional.of(tenantHop()), UnmappedPolicy.BOUNCE_ALL, Optional.empty(),
                List.of()));
        clock.advance(Duration.ofSeconds(9));
        assertThat(directory.find("amt4.example")).as("still cached").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.find("amt4.example")).isPresent();
    }

    @Test
    void configuredDomainsAreImportedOnceAndTheDatabaseWinsAfterwards() throws Exception {
        TenantDomain imported = domainRepository.find("importiert.example").orElseThrow();
        assertThat(tenantRepository.find(imported.tenantId()).orElseThrow().name()).isEqualTo("aus-der-datei");
        assertThat(imported.kind()).isEqualTo(DomainKind.MAIL);
        assertThat(imported.direction()).isEqualTo(SendDirection.SEND_AND_RECEIVE);
        assertThat(imported.unmappedPolicy()).isEqualTo(UnmappedPolicy.BOUNCE_ALL);
        assertThat(imported.allowedSenders()).hasToString("[192.0.2.0/24]");
        assertThat(auditLog.find(new AuditLogRepository.Query(Optional.empty(), Optional.empty(), Optional.of("system"),
                Optional.of("domain.import"), Optional.empty(), Optional.empty(), Optional.empty(), 100, 0)))
                .extracting(AuditEntry::target).contains("importiert.example");

        PoststelleProperties.Domain changedInTheFile = new PoststelleProperties.Domain();
        changedInTheFile.setName("importiert.example");
        changedInTheFile.setTenant("jemand-anderes");
        changedInTheFile.setAllowedSenders(List.of("198.51.100.0/24"));
        new ConfiguredDomainImport(tenantRepository, domainRepository, mappingRepository, auditTrail, transactions)
                .importMissing(List.of(changedInTheFile));
        assertThat(domainRepository.find("importiert.example")).contains(imported);
        assertThat(tenantRepository.findByName("jemand-anderes")).isEmpty();
    }

    /** A clock a test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
