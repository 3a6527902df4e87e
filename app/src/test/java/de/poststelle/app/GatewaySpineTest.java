package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.GreenMail;
import de.poststelle.smtp.server.SmtpServer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The spine end to end on the embedded database: SMTP in, durable queue, pipeline, routed SMTP
 * out to real SMTP servers, retries and bounces. {@link PostgresGatewaySpineTest} runs the same
 * tests on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewaySpineTest {

    /** The tenant's own mail server (receives mail for behoerde.example, and its bounces). */
    @RegisterExtension
    static final GreenMailExtension tenantServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);
    /** An external recipient domain's server. */
    @RegisterExtension
    static final GreenMailExtension externalServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    // Shared by this class and its PostgreSQL subclass, so they live as long as the test JVM.
    static ScriptedSmtpServer greylisting;
    static ScriptedSmtpServer rejecting;
    /** A tenant server that takes the null sender, which GreenMail refuses: bounces go here. */
    static ScriptedSmtpServer bounceReceiver;
    /** Nothing listens here at first: the next hop of down.example is down. */
    static int downPort;
    static Path dataDir;

    static {
        try {
            greylisting = new ScriptedSmtpServer(attempt -> attempt == 1 ? "451 4.7.1 greylisted, try later" : "250 2.1.5 ok");
            rejecting = new ScriptedSmtpServer(attempt -> "550 5.1.1 no such mailbox");
            bounceReceiver = new ScriptedSmtpServer(attempt -> "250 2.1.5 ok");
            downPort = GatewayProcess.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        dataDir = TestGateway.fastEmbedded(registry);
        TestGateway.servedDomain(registry, 0, "behoerde.example", "demo", () -> tenantServer.getSmtp().getPort(),
                "127.0.0.1/32");
        TestGateway.servedDomain(registry, 1, "andere-behoerde.example", "other", () -> tenantServer.getSmtp().getPort(),
                "192.0.2.0/24");
        TestGateway.servedDomain(registry, 2, "dritte-behoerde.example", "third", () -> bounceReceiver.port(), "127.0.0.1/32");
        TestGateway.route(registry, 0, "extern.example", externalServer.getSmtp().getPort());
        TestGateway.route(registry, 1, "greylist.example", greylisting.port());
        TestGateway.route(registry, 2, "rejects.example", rejecting.port());
        TestGateway.route(registry, 3, "down.example", downPort);
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    MeterRegistry registry;

    private SmtpTestClient client() throws IOException {
        return new SmtpTestClient(smtpServer.port());
    }

    private static String message(String subject) {
        return "From: amt@behoerde.example\r\nTo: someone\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.replace(' ', '-') + "@behoerde.example>\r\n\r\nHallo,\r\n.punkt am Anfang\r\nGrüße\r\n";
    }

    @Test
    void relaysMailFromAnAllowedSendingServerToTheConfiguredNextHop() throws Exception {
        try (SmtpTestClient client = client()) {
            assertThat(client.sendMail("amt@behoerde.example", "buerger@extern.example", message("relay one")))
                    .matches("250 2\\.0\\.0 .*queued as \\w+");
        }
        MimeMessage received = TestGateway.awaitMessage(externalServer, "relay one");
        assertThat(received.getHeader("Received")).anyMatch(h -> h.contains("by gw.test (Poststelle) with ESMTP id"));
        assertThat(GreenMailUtil.getBody(received)).contains(".punkt am Anfang");
    }

    @Test
    void acceptsMailForAServedDomainAndDeliversItToTheTenantsServer() throws Exception {
        try (SmtpTestClient client = client()) {
            assertThat(client.sendMail("buerger@web.example", "poststelle@behoerde.example", message("inbound one")))
                    .startsWith("250");
        }
        MimeMessage received = TestGateway.awaitMessage(tenantServer, "inbound one");
        assertThat(received.getHeader("Received")).as("our trace field names the envelope recipient")
                .anyMatch(h -> h.contains("for <poststelle@behoerde.example>"));
    }

    @Test
    void isNoOpenRelay() throws Exception {
        try (SmtpTestClient client = client()) {
            client.send("MAIL FROM:<someone@web.example>");
            assertThat(client.send("RCPT TO:<victim@extern.example>")).isEqualTo("550 5.7.1 Relaying denied");
            client.send("RSET");
            client.send("MAIL FROM:<amt@andere-behoerde.example>");
            assertThat(client.send("RCPT TO:<victim@extern.example>"))
                    .as("served domain, but 127.0.0.1 is not among its allowed sending servers")
                    .isEqualTo("550 5.7.1 Relaying denied");
        }
    }

    @Test
    void offersStartTlsWithTheCertificateGeneratedForTheEmbeddedDefault() throws Exception {
        try (SmtpTestClient client = client()) {
            assertThat(client.send("EHLO client.test")).isEqualTo("250 STARTTLS");
            assertThat(client.send("STARTTLS")).startsWith("220 2.0.0");
        }
        assertThat(dataDir.resolve("tls/smtp-selfsigned.p12")).isNotEmptyFile();
    }

    @Test
    void refusesBareLineFeedsInData() throws Exception {
        try (SmtpTestClient client = client()) {
            client.send("MAIL FROM:<amt@behoerde.example>");
            client.send("RCPT TO:<buerger@extern.example>");
            client.send("DATA");
            client.write("Subject: smuggle\r\n\r\nhello\n.\nMAIL FROM:<x@y.example>\r\n.\r\n");
            assertThat(client.reply()).startsWith("550 5.6.0");
            assertThat(client.sendMail("amt@behoerde.example", "buerger@extern.example", message("after smuggle")))
                    .as("session still usable").startsWith("250");
        }
        TestGateway.awaitMessage(externalServer, "after smuggle");
        assertThat(externalServer.getReceivedMessages()).noneMatch(m -> "smuggle".equals(subjectOf(m)));
    }

    @Test
    void refusesMessagesOverTheSizeLimit() throws Exception {
        try (SmtpTestClient client = client()) {
            assertThat(client.send("MAIL FROM:<amt@behoerde.example> SIZE=2000000")).startsWith("552 5.3.4");
            String big = message("too big") + "x".repeat(998).concat("\r\n").repeat(1100);
            assertThat(client.sendMail("amt@behoerde.example", "buerger@extern.example", big)).startsWith("552 5.3.4");
        }
    }

    @Test
    void temporaryFailureDownstreamIsRetriedAndDelivered() throws Exception {
        String recipient = "buerger-" + getClass().getSimpleName() + "@greylist.example";
        String subject = "greylisted " + getClass().getSimpleName();
        try (SmtpTestClient client = client()) {
            assertThat(client.sendMail("amt@behoerde.example", recipient, message(subject))).startsWith("250");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> greylisting.received().stream().anyMatch(m -> m.contains("Subject: " + subject)));
        assertThat(greylisting.rcptAttempts(recipient)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void mailForANextHopThatIsDownIsDeliveredWhenItComesBack() throws Exception {
        String subject = "outage " + getClass().getSimpleName();
        try (SmtpTestClient client = client()) {
            assertThat(client.sendMail("amt@behoerde.example", "buerger@down.example", message(subject))).startsWith("250");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("poststelle.recipients.deferred").counter().count() >= 1);
        GreenMail backAgain = new GreenMail(new ServerSetup(downPort, "127.0.0.1", "smtp"));
        backAgain.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(backAgain.getReceivedMessages())
                    .anyMatch(m -> subject.equals(subjectOf(m))));
        } finally {
            backAgain.stop();
        }
    }

    /** The message with this subject as {@code server} received it for the envelope recipient {@code mailbox}. */
    static MimeMessage awaitDelivery(GreenMailExtension server, String mailbox, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> server
                .findReceivedMessages(user -> user.getEmail().equals(mailbox), m -> subject.equals(subjectOf(m)))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void permanentFailureDownstreamBouncesToTheSenderWithADeliveryStatusNotification() throws Exception {
        String subject = "will bounce " + getClass().getSimpleName();
        try (SmtpTestClient client = client()) {
            assertThat(client.sendMail("amt@dritte-behoerde.example", "nobody@rejects.example", message(subject)))
                    .startsWith("250");
        }
        String bounce = await().atMost(Duration.ofSeconds(30)).until(() -> bounceReceiver.received().stream()
                .filter(m -> m.contains("Subject: " + subject) && m.contains("multipart/report")).findFirst().orElse(null),
                m -> m != null);
        assertThat(bounce).contains("report-type=delivery-status").contains("MAILER-DAEMON@gw.test")
                .contains("Final-Recipient: rfc822;").contains("nobody@rejects.example")
                .contains("Status: 5.1.1").contains("no such mailbox");
        assertThat(bounceReceiver.senders()).contains("");
    }
}
