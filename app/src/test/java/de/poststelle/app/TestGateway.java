package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntSupplier;

import static org.awaitility.Awaitility.await;

/** Settings the gateway tests share: a fresh embedded gateway on loopback with fast retries. */
final class TestGateway {

    private TestGateway() {
    }

    /** Temp data dir, host name gw.test, a free SMTP port, 1 MiB mails, retries after 1–2 s; returns the data dir. */
    static Path fastEmbedded(DynamicPropertyRegistry registry) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("poststelle-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("poststelle.data-dir", dataDir::toString);
        registry.add("poststelle.hostname", () -> "gw.test");
        registry.add("poststelle.smtp.port", () -> "0");
        registry.add("poststelle.smtp.max-message-size", () -> "1048576");
        registry.add("poststelle.delivery.retry-initial", () -> "1s");
        registry.add("poststelle.delivery.retry-max", () -> "2s");
        registry.add("poststelle.delivery.poll-interval", () -> "200ms");
        return dataDir;
    }

    /**
     * A domain imported from the configuration at start, whose server listens on loopback without
     * TLS. The port is read when the gateway starts: a test may replace its server before that.
     */
    static void servedDomain(DynamicPropertyRegistry registry, int index, String name, String tenant,
                             IntSupplier serverPort, String allowedSender) {
        String prefix = "poststelle.domains[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "tenant", () -> tenant);
        registry.add(prefix + "receiving-server.host", () -> "127.0.0.1");
        registry.add(prefix + "receiving-server.port", serverPort::getAsInt);
        registry.add(prefix + "receiving-server.tls", () -> "NONE");
        registry.add(prefix + "allowed-senders[0]", () -> allowedSender);
    }

    /** An outbound route for a destination domain to a loopback server without TLS. */
    static void route(DynamicPropertyRegistry registry, int index, String domain, int port) {
        String prefix = "poststelle.routes[" + index + "].";
        registry.add(prefix + "domain", () -> domain);
        registry.add(prefix + "host", () -> "127.0.0.1");
        registry.add(prefix + "port", () -> port);
        registry.add(prefix + "tls", () -> "NONE");
    }

    /** The first mail with this subject that {@code server} received, waiting up to a minute for it. */
    static MimeMessage awaitMessage(GreenMailExtension server, String subject) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (MimeMessage message : server.getReceivedMessages()) {
                if (subject.equals(message.getSubject())) {
                    return message;
                }
            }
            return null;
        }, message -> message != null);
    }
}
