package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.QuarantineEntry;
import de.poststelle.core.tenant.ScanPolicy;
import de.poststelle.scan.ClamdAddress;
import de.poststelle.scan.TestClamd;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.store.tenant.ScanPolicyRepository;
import de.poststelle.store.tenant.TenantRepository;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Virus scanning end to end with a real clamd ({@link TestClamd}, reached through a proxy that the
 * outage tests switch off): clean mail is delivered, infected mail is quarantined and bounced or
 * announced as the tenant's scan policy says, and while clamd is unreachable mail waits in the
 * queue, unscanned and undelivered, unless the tenant chose fail-open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VirusScanGatewayTest {

    @RegisterExtension
    static final GreenMailExtension tenantServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);
    @RegisterExtension
    static final GreenMailExtension externalServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    /** The sending authority's own server, which takes the null sender: bounces land here. */
    static ScriptedSmtpServer bounceReceiver;
    static SwitchableTcpProxy clamdProxy;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        ClamdAddress clamd = ClamdAddress.parse(TestClamd.address()); // skips the class without clamd
        bounceReceiver = new ScriptedSmtpServer(attempt -> "250 2.1.5 ok");
        clamdProxy = new SwitchableTcpProxy(((InetSocketAddress) clamd.socketAddress()).getPort());
        TestGateway.fastEmbedded(registry);
        registry.add("poststelle.scan.clamd", () -> "tcp:127.0.0.1:" + clamdProxy.port());
        registry.add("poststelle.scan.connect-timeout", () -> "2s");
        registry.add("poststelle.scan.timeout", () -> "20s");
        registry.add("poststelle.scan.stream-max-length", () -> TestClamd.STREAM_MAX_LENGTH);
        TestGateway.servedDomain(registry, 0, "behoerde.example", "demo", () -> bounceReceiver.port(), "127.0.0.1/32");
        TestGateway.route(registry, 0, "extern.example", externalServer.getSmtp().getPort());
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    MailQueue queue;
    @Autowired
    MeterRegistry registry;
    @Autowired
    TenantRepository tenants;
    @Autowired
    ScanPolicyRepository scanPolicies;

    /** The tests share one gateway: every test starts from the default policy. */
    @AfterEach
    void defaultPolicy() {
        scanPolicies.save(tenantId(), ScanPolicy.DEFAULT);
    }

    private long tenantId() {
        return tenants.findByName("demo").orElseThrow().id();
    }

    private static String message(String subject, String body) {
        return "From: amt@behoerde.example\r\nTo: someone\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@behoerde.example>\r\n\r\n" + body + "\r\n";
    }

    private String send(String subject, String body) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(smtpServer.port())) {
            String reply = client.sendMail("amt@behoerde.example", "buerger@extern.example", message(subject, body));
            assertThat(reply).startsWith("250");
            return reply.replaceAll(".*queued as (\\w+).*", "$1");
        }
    }

    private static boolean delivered(String subject) {
        return Arrays.stream(externalServer.getReceivedMessages()).anyMatch(m -> subject.equals(subjectOf(m)));
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private double scanErrors() {
        return registry.get("poststelle.scan.errors").counter().count();
    }

    @Test
    void cleanMailIsScannedAndDelivered() throws Exception {
        send("clean mail", "Hallo, alles in Ordnung.");
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered("clean mail"));
        assertThat(registry.get("poststelle.scan.results").tag("result", "clean").counter().count()).isPositive();
    }

    @Test
    void infectedMailIsQuarantinedNotDeliveredAndTheSenderGetsABounce() throws Exception {
        String queueId = send("infected mail", TestClamd.eicar());

        String bounce = await().atMost(Duration.ofSeconds(30)).until(() -> bounceReceiver.received().stream()
                .filter(m -> m.contains("Subject: infected mail") && m.contains("multipart/report")).findFirst()
                .orElse(null), m -> m != null);
        assertThat(bounce).contains("buerger@extern.example").contains("Status: 5.7.0")
                .contains(TestClamd.SIGNATURE)
                .as("the bounce quotes headers only, never the infected content")
                .doesNotContain(TestClamd.eicar().substring(20));
        assertThat(bounceReceiver.senders()).contains("");

        List<QuarantineEntry> quarantine = queue.listQuarantine(100);
        assertThat(quarantine).filteredOn(e -> e.queueId().equals(queueId)).singleElement().satisfies(entry -> {
            assertThat(entry.reason()).isEqualTo("virus found: " + TestClamd.SIGNATURE);
            assertThat(entry.sender()).isEqualTo("amt@behoerde.example");
            assertThat(entry.recipients()).containsExactly("buerger@extern.example");
        });
        try (InputStream content = queue.quarantinedContent(queueId).orElseThrow().open()) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.US_ASCII)).contains(TestClamd.eicar());
        }
        assertThat(delivered("infected mail")).isFalse();
        assertThat(registry.get("poststelle.scan.results").tag("result", "infected").counter().count()).isPositive();
    }

    @Test
    void theTenantsAlertRecipientsGetANoticeAndTheSenderNoBounceWhenTheTenantSaysSo() throws Exception {
        scanPolicies.save(tenantId(), new ScanPolicy(false, false, List.of(MailAddress.parse("sicherheit@behoerde.example"))));
        String queueId = send("infected quietly", TestClamd.eicar());

        String notice = await().atMost(Duration.ofSeconds(30)).until(() -> bounceReceiver.received().stream()
                .filter(m -> m.contains(queueId) && m.contains("Quarant")).findFirst().orElse(null), m -> m != null);
        assertThat(notice).contains("To: sicherheit@behoerde.example", "Queue-ID: " + queueId,
                        "virus found: " + TestClamd.SIGNATURE, "buerger@extern.example")
                .as("a notice names the mail, never carries it").doesNotContain(TestClamd.eicar().substring(20));
        assertThat(queue.listQuarantine(100)).extracting(QuarantineEntry::queueId).contains(queueId);
        assertThat(bounceReceiver.received()).as("no bounce to the (possibly forged) sender")
                .noneMatch(m -> m.contains("Subject: infected quietly") && m.contains("multipart/report"));
    }

    @Test
    void withFailOpenChosenForTheTenantMailPassesUnscannedAndMarkedWhileClamdIsDown() throws Exception {
        scanPolicies.save(tenantId(), new ScanPolicy(true, true, List.of()));
        clamdProxy.setUp(false);
        try {
            send("passes unscanned", "Hallo, dringend.");
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered("passes unscanned"));
        } finally {
            clamdProxy.setUp(true);
        }
        MimeMessage received = Arrays.stream(externalServer.getReceivedMessages())
                .filter(m -> "passes unscanned".equals(subjectOf(m))).findFirst().orElseThrow();
        assertThat(received.getHeader("X-Poststelle-Virus-Scan"))
                .containsExactly("not scanned (scanner failed, fail-open)");
    }

    @Test
    void whileClamdIsUnreachableMailStaysQueuedAndIsDeliveredOnceItIsBack() throws Exception {
        double errorsBefore = scanErrors();
        clamdProxy.setUp(false);
        try {
            send("waits for clamd", "Hallo, bitte warten.");
            await().atMost(Duration.ofSeconds(20)).until(() -> scanErrors() >= errorsBefore + 2);
            assertThat(delivered("waits for clamd")).as("never delivered unscanned").isFalse();
            assertThat(queue.counts().pendingMessages()).as("still queued for the pipeline").isPositive();
        } finally {
            clamdProxy.setUp(true);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered("waits for clamd"));
    }
}
