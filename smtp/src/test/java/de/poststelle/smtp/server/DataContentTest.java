package de.poststelle.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the server makes of the bytes after DATA. */
class DataContentTest {

    @Test
    void bareLineFeedIsRejectedNothingIsStoredAndTheSessionGoesOn() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            startData(client);
            client.send("Subject: x\r\n\r\nline one\nline two\r\n.\r\n");
            assertThat(client.readReply()).isEqualTo(
                    "550 5.6.0 Bare LF or CR in message; lines must end with CRLF (RFC 5321 2.3.8)");
            assertThat(server.handler.stored).isEmpty();

            startData(client);
            client.send("Subject: y\r\n\r\nfine\r\n.\r\n");
            assertThat(client.readReply()).startsWith("250 2.0.0");
            assertThat(server.handler.onlyMessage().text()).isEqualTo("Subject: y\r\n\r\nfine\r\n");
        }
    }

    /**
     * SMTP smuggling: each sequence ends DATA for some server somewhere. Here it must not: the
     * "commands" after it are message text, the message fails at the bare line break, and the
     * next thing the server answers is our NOOP.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\r\n.\n", "\n.\r\n", "\n.\n", "\r.\r", "\r\n.\r", "\r.\r\n", "\n.\r", "\r\n\n.\r\n"})
    void smugglingSequencesDoNotEndTheMessage(String fakeEnd) throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            startData(client);
            client.send("Subject: innocent\r\n\r\nhello" + fakeEnd
                    + "MAIL FROM:<ceo@example.org>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n"
                    + "Subject: smuggled\r\n\r\nsmuggled\r\n.\r\n");
            assertThat(client.readReply()).startsWith("550 5.6.0");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            assertThat(server.handler.stored).isEmpty();
        }
    }

    @Test
    void declaredSizeAboveTheLimitIsRefusedAtMail() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            assertThat(client.command("MAIL FROM:<alice@example.org> SIZE=" + (TestServer.MAX_MESSAGE_SIZE + 1)))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
            assertThat(client.command("MAIL FROM:<alice@example.org> SIZE=" + TestServer.MAX_MESSAGE_SIZE))
                    .startsWith("250");
        }
    }

    @Test
    void messageAboveTheLimitIsRefusedAndNothingIsStored() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            startData(client);
            String line = "x".repeat(78) + "\r\n";
            client.send(line.repeat((int) (TestServer.MAX_MESSAGE_SIZE / line.length()) + 1) + ".\r\n");
            assertThat(client.readReply()).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
            assertThat(server.handler.stored).isEmpty();
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void lineAboveTheLengthLimitIsRefused() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            startData(client);
            client.send("x".repeat(998) + "\r\n" + "y".repeat(999) + "\r\n.\r\n");
            assertThat(client.readReply()).startsWith("500 5.6.0");
            assertThat(server.handler.stored).isEmpty();
        }
    }

    @Test
    void eightBitContentPassesUntouched() throws IOException {
        try (TestServer server = TestServer.start(); SmtpTestClient client = server.connectWithEhlo()) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            content.writeBytes("Subject: Grüße\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            for (int b = 0x80; b <= 0xff; b++) {
                content.write(b);
            }
            content.writeBytes("\r\n\0\t\u007f\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] expected = content.toByteArray();

            assertThat(client.command("MAIL FROM:<alice@example.org> BODY=8BITMIME")).startsWith("250");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            client.write(expected);
            client.send(".\r\n");
            assertThat(client.readReply()).startsWith("250 2.0.0");
            assertThat(server.handler.onlyMessage().content()).isEqualTo(expected);
        }
    }

    /**
     * 50 MB through a handler that only digests what it reads. The client sends the second part
     * only after the handler has seen bytes of the first: the message is streamed, not collected.
     */
    @Test
    void fiftyMegabyteMessageStreamsThrough() throws Exception {
        long size = 50L * 1024 * 1024;
        DigestingHandler handler = new DigestingHandler();
        try (TestServer server = TestServer.start(handler, config -> config.maxMessageSize(2 * size));
             SmtpTestClient client = server.connectWithEhlo()) {
            startData(client);
            MessageDigest expected = MessageDigest.getInstance("SHA-256");
            MessageWriter writer = new MessageWriter(client.output(), expected);
            writer.writeLines(size / 10);
            handler.firstMegabyteRead.await();
            writer.writeLines(size - size / 10);
            client.send(".\r\n");

            assertThat(client.readReply()).startsWith("250 2.0.0 Ok: queued as");
            assertThat(handler.octets).isEqualTo(writer.unstuffedOctets);
            assertThat(handler.digest).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        }
    }

    private static void startData(SmtpTestClient client) throws IOException {
        client.command("MAIL FROM:<alice@example.org>");
        client.command("RCPT TO:<bob@example.com>");
        assertThat(client.command("DATA")).startsWith("354");
    }

    /** Writes pseudo-random lines, some needing dot-stuffing; digests them as the handler should see them. */
    private static final class MessageWriter {
        private final OutputStream out;
        private final MessageDigest digest;
        private final Random random = new Random(42);
        long unstuffedOctets;

        MessageWriter(OutputStream out, MessageDigest digest) {
            this.out = new java.io.BufferedOutputStream(out, 64 * 1024);
            this.digest = digest;
        }

        void writeLines(long octets) throws IOException {
            long written = 0;
            byte[] line = new byte[78];
            while (written < octets) {
                for (int i = 0; i < line.length - 2; i++) {
                    line[i] = (byte) (' ' + random.nextInt(95));
                }
                line[line.length - 2] = '\r';
                line[line.length - 1] = '\n';
                if (line[0] == '.') {
                    out.write('.');
                }
                out.write(line);
                digest.update(line);
                written += line.length;
            }
            out.flush();
            unstuffedOctets += written;
        }
    }

    private static final class DigestingHandler extends RecordingHandler {
        final CountDownLatch firstMegabyteRead = new CountDownLatch(1);
        volatile long octets;
        volatile String digest;

        @Override
        byte[] read(InputStream content) throws IOException {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[8192];
                long total = 0;
                for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                    sha256.update(buffer, 0, n);
                    total += n;
                    if (total >= 1024 * 1024) {
                        firstMegabyteRead.countDown();
                    }
                }
                octets = total;
                digest = HexFormat.of().formatHex(sha256.digest());
                return new byte[0];
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
