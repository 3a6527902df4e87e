package de.poststelle.app;

import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.demail.simulator.ProviderSimulator;
import de.poststelle.smtp.server.SmtpServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo start as a newcomer gets it: the sample configuration with the provider simulator
 * switched on. A mail of the demo tenant to a De-Mail address reaches the simulator, and the
 * receipt confirmation it asked for comes back for the sender's internal address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.import=file:../config/poststelle.yml")
class DemailDemoStartTest {

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestGateway.fastEmbedded(registry);
        registry.add("poststelle.demail.simulator.port", () -> "0");
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    ProviderSimulator simulator;
    @Autowired
    MailQueue queue;

    @Test
    void aDeMailGoesOutAndItsConfirmationComesBackForTheSender() throws Exception {
        String mail = "From: poststelle@behoerde.example\r\nTo: buerger@stadt.de-mail.de\r\n"
                + "Subject: =?UTF-8?Q?[Eingangsbest=C3=A4tigung]_Erste_De-Mail?=\r\n"
                + "Message-ID: <erste@behoerde.example>\r\n\r\nHallo\r\n";
        assertThat(SmtpTestClient.sendMail(smtpServer.port(), "poststelle@behoerde.example", "buerger@stadt.de-mail.de",
                mail)).startsWith("250");
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator
                .mailbox(MailAddress.parse("buerger@stadt.de-mail.de")).stream()
                .anyMatch(m -> m.contains("From: poststelle@behoerde.de-mail.de")));
        // Nothing listens on the demo tenant's server here: the confirmation waits in the queue for it.
        await().atMost(Duration.ofSeconds(30)).until(() -> queue.searchMessages(QueueScope.all(),
                new QueueSearch(Optional.empty(), Optional.empty(), Optional.of("poststelle@behoerde.example"),
                        Set.of()), 10, 0), found -> !found.isEmpty());
    }
}
