package de.poststelle.smtp.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server for tests, whose replies each test scripts: greeting, extensions, RCPT and
 * DATA replies, STARTTLS. It counts connections (total and simultaneous) and records what it got.
 */
final class ScriptedSmtpPeer implements AutoCloseable {

    /** What one transaction delivered; {@code content} is null when the peer only keeps digests. */
    record Received(String mailFrom, List<String> rcptTo, byte[] content, String sha256, long size,
                    String tlsProtocol, boolean clientCertificatePresented) {
    }

    private final ServerSocket server;
    private final SSLContext tls;
    volatile String greeting = "220 peer.test ESMTP";
    volatile boolean offerStartTls;
    volatile boolean keepContent = true;
    volatile Function<String, String> rcptReply = address -> "250 2.1.5 Ok";
    volatile String dataReply = "250 2.0.0 Ok: queued";
    /** Each transaction waits before its final DATA reply until this opens, to hold connections open. */
    volatile CountDownLatch dataGate = new CountDownLatch(0);

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger openConnections = new AtomicInteger();
    final AtomicInteger maxOpenConnections = new AtomicInteger();
    final AtomicInteger waitingAtDataGate = new AtomicInteger();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ScriptedSmtpPeer() throws IOException {
        this(null);
    }

    /** With {@code tls}, the peer can offer STARTTLS and asks for (without requiring) a client certificate. */
    ScriptedSmtpPeer(SSLContext tls) throws IOException {
        this.tls = tls;
        this.offerStartTls = tls != null;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                connections.incrementAndGet();
                maxOpenConnections.accumulateAndGet(openConnections.incrementAndGet(), Math::max);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (Session session = new Session(socket)) {
            session.run();
        } catch (IOException | InterruptedException e) {
            // The client went away; nothing to record.
        } finally {
            openConnections.decrementAndGet();
        }
    }

    /** Closes all connections without QUIT, as a server restart or an idle timeout on its side would. */
    void dropConnections() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }

    private final class Session implements AutoCloseable {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private String mailFrom;
        private final List<String> rcptTo = new ArrayList<>();

        Session(Socket socket) throws IOException {
            use(socket);
        }

        private void use(Socket newSocket) throws IOException {
            socket = newSocket;
            in = new BufferedInputStream(newSocket.getInputStream());
            out = new BufferedOutputStream(newSocket.getOutputStream());
        }

        void run() throws IOException, InterruptedException {
            reply(greeting);
            if (!greeting.startsWith("220")) {
                return;
            }
            String line;
            while ((line = readLine()) != null) {
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> ehlo();
                    case "HELO" -> reply("250 peer.test");
                    case "STAR" -> startTls();
                    case "MAIL" -> {
                        mailFrom = line.substring("MAIL FROM:".length());
                        reply("250 2.1.0 Ok");
                    }
                    case "RCPT" -> rcpt(line.substring("RCPT TO:".length()));
                    case "DATA" -> data();
                    case "RSET" -> {
                        mailFrom = null;
                        rcptTo.clear();
                        reply("250 2.0.0 Ok");
                    }
                    case "NOOP" -> reply("250 2.0.0 Ok");
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye");
                        return;
                    }
                    default -> reply("502 5.5.2 Command not implemented");
                }
            }
        }

        private void ehlo() throws IOException {
            List<String> lines = new ArrayList<>(List.of("peer.test", "SIZE 200000000", "8BITMIME", "PIPELINING"));
            if (offerStartTls && !(socket instanceof SSLSocket)) {
                lines.add("STARTTLS");
            }
            for (int i = 0; i < lines.size(); i++) {
                reply("250" + (i == lines.size() - 1 ? " " : "-") + lines.get(i));
            }
        }

        private void startTls() throws IOException {
            reply("220 2.0.0 Ready to start TLS");
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.setWantClientAuth(true);
            ssl.startHandshake();
            use(ssl);
        }

        private void rcpt(String address) throws IOException {
            String answer = rcptReply.apply(address.replaceAll("[<>]", ""));
            if (answer.startsWith("2")) {
                rcptTo.add(address);
            }
            reply(answer);
        }

        private void data() throws IOException, InterruptedException {
            if (rcptTo.isEmpty()) {
                reply("554 5.5.1 No valid recipients");
                return;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            MessageDigest digest = sha256();
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            long size = 0;
            byte[] line;
            while ((line = readRawLine()) != null) {
                if (line.length == 3 && line[0] == '.') {
                    break;
                }
                int offset = line.length > 0 && line[0] == '.' ? 1 : 0; // dot-unstuffing (RFC 5321 4.5.2)
                digest.update(line, offset, line.length - offset);
                size += line.length - offset;
                if (keepContent) {
                    content.write(line, offset, line.length - offset);
                }
            }
            String protocol = socket instanceof SSLSocket ssl ? ssl.getSession().getProtocol() : null;
            boolean clientCertificate = socket instanceof SSLSocket ssl && hasPeerCertificate(ssl);
            received.add(new Received(mailFrom, List.copyOf(rcptTo), keepContent ? content.toByteArray() : null,
                    HexFormat.of().formatHex(digest.digest()), size, protocol, clientCertificate));
            waitingAtDataGate.incrementAndGet();
            dataGate.await();
            waitingAtDataGate.decrementAndGet();
            mailFrom = null;
            rcptTo.clear();
            reply(dataReply);
        }

        private boolean hasPeerCertificate(SSLSocket ssl) {
            try {
                return ssl.getSession().getPeerCertificates().length > 0;
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                return false;
            }
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private String readLine() throws IOException {
            byte[] raw = readRawLine();
            return raw == null ? null : new String(raw, 0, raw.length - 2, StandardCharsets.UTF_8);
        }

        /** One line including its CRLF, or null at the end of the stream. */
        private byte[] readRawLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int previous = -1;
            int b;
            while ((b = in.read()) != -1) {
                line.write(b);
                if (previous == '\r' && b == '\n') {
                    return line.toByteArray();
                }
                previous = b;
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
