package de.poststelle.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays one generated script against the gateway over a real connection: the whole script is
 * written at once (pipelined, as an attacker would), then the client half-closes and reads every
 * reply until the server closes. A separate writer keeps a full socket buffer from blocking both sides.
 */
final class FuzzSession {

    /** Every reply line the server wrote, and whether the byte stream was cut by a reset. */
    record Outcome(MalformedSmtpInputs.Case input, List<String> replyLines, boolean reset, boolean unterminatedLine) {

        private static final Pattern QUEUED = Pattern.compile("^250 2\\.0\\.0 Ok: queued as (\\w+)$");

        List<String> queueIds() {
            return replyLines.stream().map(QUEUED::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        }
    }

    private FuzzSession() {
    }

    static Outcome play(int port, MalformedSmtpInputs.Case input) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(120_000);
            Thread writer = Thread.ofVirtual().start(() -> write(socket, input.script()));
            ReadResult result = readUntilClosed(socket.getInputStream());
            joinQuietly(writer);
            String text = new String(result.bytes(), StandardCharsets.ISO_8859_1);
            boolean unterminated = !text.isEmpty() && !text.endsWith("\r\n");
            List<String> lines = text.isEmpty() ? List.of() : Arrays.asList(text.split("\r\n"));
            return new Outcome(input, lines, result.reset(), unterminated);
        }
    }

    private record ReadResult(byte[] bytes, boolean reset) {
    }

    private static ReadResult readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
            return new ReadResult(bytes.toByteArray(), false);
        } catch (SocketException reset) {
            // The server closed while our unread garbage was still in its buffer: TCP resets.
            return new ReadResult(bytes.toByteArray(), true);
        }
    }

    private static void write(Socket socket, byte[] script) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(script);
            out.flush();
            socket.shutdownOutput();
        } catch (IOException serverClosedFirst) {
            // e.g. after 421 too many errors; the reader sees the rest
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why a reply line is not a valid SMTP reply, if it is not. */
    static Optional<String> invalidReply(String line) {
        if (!line.matches("[2-5][0-9][0-9]([ -][\\x20-\\x7e]*)?")) {
            return Optional.of("not an SMTP reply line");
        }
        if (line.contains("Exception") || line.contains("\tat ") || line.matches(".*\\bat [a-z]+\\.[a-z.]+\\(.*")) {
            return Optional.of("stack trace or exception text");
        }
        return Optional.empty();
    }
}
