package de.poststelle.smtp.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A raw SMTP client that sends exactly the bytes a test gives it. */
final class SmtpTestClient implements Closeable {

    /** Only keeps a broken test from hanging; no test depends on it. */
    private static final int SAFETY_TIMEOUT_MILLIS = 60_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String greeting;

    SmtpTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(SAFETY_TIMEOUT_MILLIS);
        attachStreams();
        greeting = readReply();
    }

    String greeting() {
        return greeting;
    }

    /** Sends {@code line} with CRLF and returns the reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return readReply();
    }

    void send(String raw) throws IOException {
        write(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    OutputStream output() {
        return out;
    }

    /** One reply; the lines of a multi-line reply are joined with LF. */
    String readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            if (line == null) {
                throw new IOException("connection closed, reply so far: " + lines);
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return String.join("\n", lines);
    }

    /** Whether the server has closed the connection (after all replies were read). */
    boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    void startTls(SSLContext context) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory()
                .createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        attachStreams();
    }

    SSLSocket tlsSocket() {
        return (SSLSocket) socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void attachStreams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
            }
            line.write(b);
            previous = b;
        }
        return null;
    }
}
