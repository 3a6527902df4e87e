package de.poststelle.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 50 MB mail passes through a gateway whose heap is far smaller than three copies of it would
 * need: in through SMTP, into the queue, out to the next hop, byte for byte.
 */
class LargeMessageTest {

    private static final int LINES = 50 * 1024 * 1024 / 100;

    @Test
    void fiftyMegabytesPassWithASmallHeap() throws Exception {
        Path dataDir = Files.createTempDirectory("poststelle-large");
        try (ServerSocket nextHop = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             GatewayProcess gateway = GatewayProcess.start(dataDir, GatewayProcess.freePort(), nextHop.getLocalPort(), "128m")) {
            CompletableFuture<String> receivedBodyDigest = CompletableFuture.supplyAsync(() -> receiveOne(nextHop));
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            try (SmtpTestClient client = new SmtpTestClient(gateway.smtpPort())) {
                assertThat(client.send("MAIL FROM:<amt@behoerde.example>")).startsWith("250");
                assertThat(client.send("RCPT TO:<buerger@extern.example>")).startsWith("250");
                assertThat(client.send("DATA")).startsWith("354");
                client.write("Subject: big\r\n\r\n");
                byte[] line = ("x".repeat(98) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < LINES; i++) {
                    client.write(line);
                    sent.update(line);
                }
                client.write(".\r\n");
                assertThat(client.reply()).startsWith("250");
            }
            assertThat(receivedBodyDigest.get(5, TimeUnit.MINUTES)).isEqualTo(HexFormat.of().formatHex(sent.digest()));
            assertThat(gateway.isAlive()).as("no OutOfMemoryError").isTrue();
        }
    }

    /** A minimal next hop that hashes the body of the first message after the blank line. */
    private static String receiveOne(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout((int) Duration.ofMinutes(5).toMillis());
            // Buffered: 50 MB read byte by byte from the socket would take minutes on a busy machine.
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("220 sink\r\n".getBytes(StandardCharsets.US_ASCII));
            MessageDigest body = MessageDigest.getInstance("SHA-256");
            StringBuilder line = new StringBuilder();
            boolean inData = false;
            boolean inBody = false;
            for (int b = in.read(); b >= 0; b = in.read()) {
                line.append((char) b);
                if (b != '\n') {
                    continue;
                }
                String text = line.toString();
                line.setLength(0);
                if (inData) {
                    if (text.equals(".\r\n")) {
                        out.write("250 2.0.0 ok\r\n".getBytes(StandardCharsets.US_ASCII));
                        return HexFormat.of().formatHex(body.digest());
                    }
                    if (inBody) {
                        body.update(text.getBytes(StandardCharsets.ISO_8859_1));
                    } else if (text.equals("\r\n")) {
                        inBody = true;
                    }
                    continue;
                }
                String reply = text.toUpperCase().startsWith("DATA") ? "354 go\r\n" : "250 ok\r\n";
                inData = reply.startsWith("354");
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
            }
            throw new IOException("connection closed before the end of the message");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
