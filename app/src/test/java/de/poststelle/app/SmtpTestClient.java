package de.poststelle.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw SMTP client for tests that need to see exact replies or send malformed input. */
final class SmtpTestClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    SmtpTestClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        expect("220");
        send("EHLO client.test");
    }

    /** Sends a line with CRLF and returns the last line of the reply. */
    String send(String line) throws IOException {
        write(line + "\r\n");
        return reply();
    }

    void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    String reply() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed by server");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private void expect(String code) throws IOException {
        String line = reply();
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + " but got " + line);
        }
    }

    /** A whole transaction; returns the reply to the end of DATA (or the first failing reply). */
    String sendMail(String from, String to, String message) throws IOException {
        String reply = send("MAIL FROM:<" + from + ">");
        if (!reply.startsWith("250")) {
            return reply;
        }
        reply = send("RCPT TO:<" + to + ">");
        if (!reply.startsWith("250")) {
            send("RSET");
            return reply;
        }
        reply = send("DATA");
        if (!reply.startsWith("354")) {
            return reply;
        }
        write(message.replace("\n.", "\n..") + "\r\n.\r\n");
        return reply();
    }

    /** MAIL FROM and RCPT TO in a session of their own; returns the reply to RCPT. */
    static String rcpt(int port, String from, String to) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(port)) {
            client.send("MAIL FROM:<" + from + ">");
            return client.send("RCPT TO:<" + to + ">");
        }
    }

    /** One whole mail in a session of its own; returns the final reply. */
    static String sendMail(int port, String from, String to, String message) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(port)) {
            return client.sendMail(from, to, message);
        }
    }

    /** A short mail with this subject from a citizen outside, in a session of its own; returns the final reply. */
    static String sendFromOutside(int port, String to, String subject) throws IOException {
        try (SmtpTestClient client = new SmtpTestClient(port)) {
            return client.sendMail("buerger@web.example", to,
                    "From: buerger@web.example\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nHallo\r\n");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send("QUIT");
        } catch (IOException ignored) {
            // already closed by the server
        }
        socket.close();
    }
}
