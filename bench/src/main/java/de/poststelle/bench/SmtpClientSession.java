package de.poststelle.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One client SMTP connection of the load generator: plain socket, strict CRLF, one command
 * at a time (no pipelining), several transactions per connection.
 */
final class SmtpClientSession implements AutoCloseable {

    /** The server answered with an unexpected reply code; the session itself is still usable. */
    static final class RejectedException extends Exception {
        RejectedException(String command, String reply) {
            super(command + " -> " + reply);
        }
    }

    private static final byte[] DATA_END = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final SmtpLineReader reader;
    private final OutputStream out;

    private SmtpClientSession(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new SmtpLineReader(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    /** Connects, reads the greeting and says EHLO. */
    static SmtpClientSession open(String host, int port, Duration timeout) throws IOException, RejectedException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) timeout.toMillis());
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            SmtpClientSession session = new SmtpClientSession(socket);
            session.expect("greeting", 220);
            session.command("EHLO bench.poststelle.invalid", 250);
            return session;
        } catch (IOException | RejectedException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Runs one mail transaction. On a rejection the transaction is reset, so the caller may
     * go on with the next message on this session.
     */
    void send(String from, String to, byte[] message) throws IOException, RejectedException {
        try {
            command("MAIL FROM:<" + from + ">", 250);
            command("RCPT TO:<" + to + ">", 250, 251);
            command("DATA", 354);
            out.write(message);
            out.write(DATA_END);
            out.flush();
            expect("end of data", 250);
        } catch (RejectedException e) {
            command("RSET", 250);
            throw e;
        }
    }

    @Override
    public void close() {
        try (socket) {
            command("QUIT", 221);
        } catch (IOException | RejectedException e) {
            // The session is over either way.
        }
    }

    private void command(String line, int... expectedCodes) throws IOException, RejectedException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
        out.flush();
        expect(line.split(":", 2)[0], expectedCodes);
    }

    /** Reads a (possibly multi-line) reply and checks its code. */
    private void expect(String what, int... expectedCodes) throws IOException, RejectedException {
        String line;
        do {
            if (!reader.next()) {
                throw new IOException("connection closed by server, waiting for reply to " + what);
            }
            line = reader.text();
        } while (line.length() > 3 && line.charAt(3) == '-');
        int code = parseCode(line);
        for (int expected : expectedCodes) {
            if (code == expected) {
                return;
            }
        }
        throw new RejectedException(what, line);
    }

    private static int parseCode(String line) throws IOException {
        if (line.length() < 3) {
            throw new IOException("malformed reply: " + line);
        }
        try {
            return Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            throw new IOException("malformed reply: " + line);
        }
    }
}
