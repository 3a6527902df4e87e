package de.poststelle.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Connection limits and shutdown. */
class SmtpServerLifecycleTest {

    @Test
    void sessionsPerClientAreLimited() throws IOException {
        try (TestServer server = TestServer.start(config -> config.maxSessionsPerClient(2));
             SmtpTestClient first = server.connect();
             SmtpTestClient second = server.connect();
             SmtpTestClient third = server.connect()) {
            assertThat(first.greeting()).startsWith("220");
            assertThat(second.greeting()).startsWith("220");
            assertThat(third.greeting()).isEqualTo("421 4.7.0 Too many connections from your host");
            assertThat(third.isClosedByServer()).isTrue();
        }
    }

    @Test
    void sessionsInTotalAreLimited() throws IOException {
        try (TestServer server = TestServer.start(config -> config.maxSessions(1));
             SmtpTestClient first = server.connect();
             SmtpTestClient second = server.connect()) {
            assertThat(first.greeting()).startsWith("220");
            assertThat(second.greeting()).startsWith("421 4.3.2");
        }
    }

    @Test
    void gracefulStopLetsAMessageInDataFinish() throws Exception {
        try (TestServer server = TestServer.start();
             SmtpTestClient idle = server.connectWithEhlo();
             SmtpTestClient sending = server.connectWithEhlo()) {
            sending.command("MAIL FROM:<alice@example.org>");
            sending.command("RCPT TO:<bob@example.com>");
            sending.command("DATA");
            sending.send("Subject: almost done\r\n\r\nfirst half\r\n");
            server.handler.storeEntered.await();

            CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> server.server.stop(Duration.ofMinutes(1)));
            // The idle session is closed right away, which also tells us the stop has begun.
            assertThat(idle.readReply()).isEqualTo("421 4.3.2 Service shutting down");

            sending.send("second half\r\n.\r\n");
            assertThat(sending.readReply()).startsWith("250 2.0.0 Ok: queued as");
            assertThat(sending.readReply()).isEqualTo("421 4.3.2 Service shutting down");
            stop.get();
            assertThat(server.handler.onlyMessage().text())
                    .isEqualTo("Subject: almost done\r\n\r\nfirst half\r\nsecond half\r\n");
        }
    }

    @Test
    void stopWithoutGraceAbortsAMessageInData() throws Exception {
        try (TestServer server = TestServer.start(); SmtpTestClient sending = server.connectWithEhlo()) {
            sending.command("MAIL FROM:<alice@example.org>");
            sending.command("RCPT TO:<bob@example.com>");
            sending.command("DATA");
            sending.send("Subject: cut off\r\n\r\nfirst half\r\n");
            server.handler.storeEntered.await();

            server.server.stop(Duration.ZERO);
            assertThat(sending.readReply()).isEqualTo("421 4.3.2 Service shutting down");
            assertThat(server.handler.stored).isEmpty();
        }
    }
}
