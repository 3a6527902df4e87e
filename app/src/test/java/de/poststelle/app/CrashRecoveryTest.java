package de.poststelle.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static de.poststelle.app.GatewayProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mail acknowledged with 250 survives SIGKILL of the gateway: the real process is started,
 * killed while the next hop is down, started again, and delivers once the next hop is back.
 */
class CrashRecoveryTest {

    @Test
    void acceptedMailIsDeliveredAfterTheProcessWasKilled() throws Exception {
        Path dataDir = Files.createTempDirectory("poststelle-crash");
        int smtpPort = freePort();
        int nextHopPort = freePort();

        try (GatewayProcess gateway = GatewayProcess.start(dataDir, smtpPort, nextHopPort, "256m");
             SmtpTestClient client = new SmtpTestClient(smtpPort)) {
            assertThat(client.sendMail("amt@behoerde.example", "buerger@extern.example",
                    "Subject: survives\r\n\r\nIch überlebe den Absturz.\r\n")).startsWith("250");
            gateway.kill();
        }

        GreenMail nextHop = new GreenMail(new ServerSetup(nextHopPort, "127.0.0.1", "smtp"));
        nextHop.start();
        try (GatewayProcess restarted = GatewayProcess.start(dataDir, smtpPort, nextHopPort, "256m")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> nextHop.getReceivedMessages().length == 1);
            assertThat(nextHop.getReceivedMessages()[0].getSubject()).isEqualTo("survives");
        } finally {
            nextHop.stop();
        }
    }
}
