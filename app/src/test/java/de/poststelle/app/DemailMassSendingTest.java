package de.poststelle.app;

import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.demail.simulator.ProviderSimulator;
import de.poststelle.smtp.server.SmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mass sending: one clerk's mail to 200 De-Mail recipients reaches the simulated provider
 * completely, and never faster than {@code poststelle.demail.max-per-second} allows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TenantSetup.class)
class DemailMassSendingTest {

    private static final int RATE = 20;
    private static final int RECIPIENTS = 200;

    static ProviderSimulator provider;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws Exception {
        provider = TestProvider.start();
        TestGateway.fastEmbedded(registry);
        registry.add("poststelle.config-refresh", () -> "1h");
        registry.add("poststelle.demail.max-per-second", () -> String.valueOf(RATE));
        TestProvider.connect(registry, provider, provider::port);
    }

    @AfterAll
    static void stopProvider() throws Exception {
        provider.close();
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    TenantSetup setup;

    @Test
    void aMailToManyDeMailRecipientsArrivesCompletelyAndNoFasterThanTheRate() throws Exception {
        long tenant = setup.tenant("amt-massen");
        setup.mailDomain(tenant, "amt-massen.example", SendDirection.SEND_AND_RECEIVE,
                NextHop.of("127.0.0.1", 9, TlsMode.NONE));
        setup.demailDomain(tenant, "amt-massen.de-mail.test", SendDirection.SEND_AND_RECEIVE, Optional.empty());
        setup.map(tenant, "rundschreiben@amt-massen.example", "rundschreiben@amt-massen.de-mail.test");
        List<String> recipients = IntStream.range(0, RECIPIENTS)
                .mapToObj(i -> "buerger" + i + "@stadt.de-mail.test").toList();

        Instant submitted = Instant.now();
        assertThat(sendToAll("rundschreiben@amt-massen.example", recipients)).startsWith("250");

        List<Instant> arrivals = await().atMost(Duration.ofMinutes(2)).until(provider::recipientArrivals,
                all -> all.size() >= RECIPIENTS);
        assertThat(arrivals).hasSize(RECIPIENTS);
        assertThat(recipients).allSatisfy(recipient -> assertThat(provider.mailbox(
                MailAddress.parse(recipient))).as(recipient).hasSize(1));

        // Permits are taken when a worker starts a delivery: the bucket lets one second's worth go at once,
        // and recipients that waited for a busy machine arrive together, so allow four times the rate.
        Map<Long, Long> perSecond = arrivals.stream()
                .collect(Collectors.groupingBy(Instant::getEpochSecond, Collectors.counting()));
        assertThat(perSecond.values()).as("recipients per second at the provider").allSatisfy(count ->
                assertThat(count).isLessThanOrEqualTo(4L * RATE));
        Duration span = Duration.between(submitted, arrivals.getLast());
        assertThat(span).as("time from submission to the last recipient: the rate on average, after one second's worth")
                .isGreaterThanOrEqualTo(Duration.ofSeconds((RECIPIENTS - RATE) / RATE));
    }

    /** One transaction with all recipients, as a tenant's server hands over a circular. */
    private String sendToAll(String from, Collection<String> recipients) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(smtpServer.port())) {
            assertThat(client.send("MAIL FROM:<" + from + ">")).startsWith("250");
            for (String recipient : recipients) {
                assertThat(client.send("RCPT TO:<" + recipient + ">")).as(recipient).startsWith("250");
            }
            assertThat(client.send("DATA")).startsWith("354");
            client.write("From: " + from + "\r\nTo: undisclosed-recipients:;\r\nSubject: Rundschreiben\r\n"
                    + "Message-ID: <rundschreiben-1@amt-massen.example>\r\n\r\nSehr geehrte Damen und Herren\r\n.\r\n");
            return client.reply();
        }
    }
}
