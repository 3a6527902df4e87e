package de.poststelle.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mail acknowledged with 250 survives SIGKILL of the gateway: the real process is started,
 * killed while the next hop is down, started again, and delivers once the next hop is back.
 */
class CrashRecoveryTest {

    private Process gateway;
    private GreenMail nextHop;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.destroyForcibly();
        }
        if (nextHop != null) {
            nextHop.stop();
        }
    }

    @Test
    void acceptedMailIsDeliveredAfterTheProcessWasKilled() throws Exception {
        Path dataDir = Files.createTempDirectory("poststelle-crash");
        int smtpPort = freePort();
        int nextHopPort = freePort();

        gateway = startGateway(dataDir, smtpPort, nextHopPort);
        try (SmtpTestClient client = new SmtpTestClient(smtpPort)) {
            assertThat(client.sendMail("amt@behoerde.example", "buerger@extern.example",
                    "Subject: survives\r\n\r\nIch überlebe den Absturz.\r\n")).startsWith("250");
        }
        gateway.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no flushing
        gateway = null;

        nextHop = new GreenMail(new ServerSetup(nextHopPort, "127.0.0.1", "smtp"));
        nextHop.start();
        gateway = startGateway(dataDir, smtpPort, nextHopPort);

        await().atMost(Duration.ofSeconds(60)).until(() -> nextHop.getReceivedMessages().length == 1);
        assertThat(nextHop.getReceivedMessages()[0].getSubject()).isEqualTo("survives");
    }

    private static Process startGateway(Path dataDir, int smtpPort, int nextHopPort) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PoststelleApplication.class.getName(),
                "--poststelle.data-dir=" + dataDir,
                "--server.port=0",
                "--poststelle.smtp.port=" + smtpPort,
                "--poststelle.delivery.retry-initial=1s",
                "--poststelle.delivery.retry-max=1s",
                "--poststelle.domains[0].name=behoerde.example",
                "--poststelle.domains[0].tenant=demo",
                "--poststelle.domains[0].receiving-server.host=127.0.0.1",
                "--poststelle.domains[0].receiving-server.port=" + nextHopPort,
                "--poststelle.domains[0].allowed-senders[0]=127.0.0.1",
                "--poststelle.routes[0].domain=extern.example",
                "--poststelle.routes[0].host=127.0.0.1",
                "--poststelle.routes[0].port=" + nextHopPort,
                "--poststelle.routes[0].tls=NONE"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("gateway-" + System.nanoTime() + ".out").toFile())
                .start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + "; see " + dataDir);
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), smtpPort)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
