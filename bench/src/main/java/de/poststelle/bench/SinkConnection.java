package de.poststelle.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The server side of one SMTP connection to the {@link SmtpSink}: accepts every command,
 * reads DATA up to the terminating dot line and reports the message's bench id.
 */
final class SinkConnection {

    private static final String BENCH_ID_HEADER = MessageFactory.BENCH_ID_HEADER + ":";
    private static final String MESSAGE_ID_HEADER = "Message-ID:";

    /** Called once per message, at the moment its terminating dot line has been read. */
    interface ArrivalListener {
        /** @param benchId X-Bench-Id, else Message-ID, else null */
        void arrived(String benchId, long arrivalNanos);
    }

    private final Socket socket;
    private final ArrivalListener listener;
    private SmtpLineReader reader;
    private OutputStream out;

    SinkConnection(Socket socket, ArrivalListener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    void serve() {
        try (socket) {
            socket.setTcpNoDelay(true);
            reader = new SmtpLineReader(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            reply("220 bench-sink ESMTP");
            out.flush();
            while (reader.next()) {
                if (!handleCommand()) {
                    break;
                }
                // Flush only when the client waits for us; pipelined commands get one batched answer.
                if (!reader.hasBufferedInput()) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            // A client hanging up mid-session is not the sink's problem; the generator counts its own errors.
        }
    }

    /** @return false when the session ends */
    private boolean handleCommand() throws IOException {
        if (reader.startsWithIgnoreCase("EHLO")) {
            reply("250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8");
        } else if (reader.startsWithIgnoreCase("DATA")) {
            reply("354 End data with <CR><LF>.<CR><LF>");
            out.flush();
            if (!readMessage()) {
                return false;
            }
            reply("250 2.0.0 Ok: queued");
        } else if (reader.startsWithIgnoreCase("QUIT")) {
            reply("221 2.0.0 Bye");
            return false;
        } else if (reader.startsWithIgnoreCase("HELO") || reader.startsWithIgnoreCase("MAIL")
                || reader.startsWithIgnoreCase("RCPT") || reader.startsWithIgnoreCase("RSET")
                || reader.startsWithIgnoreCase("NOOP")) {
            reply("250 2.0.0 Ok");
        } else {
            reply("502 5.5.2 Command not implemented");
        }
        return true;
    }

    /** Reads DATA content up to the dot line; only the header section is looked at. @return false on EOF */
    private boolean readMessage() throws IOException {
        String benchId = null;
        String messageId = null;
        String currentHeader = null; // tracked header whose value may continue on folded lines
        boolean inHeaders = true;
        while (reader.next()) {
            if (reader.isDot()) {
                listener.arrived(benchId != null ? benchId : messageId, System.nanoTime());
                return true;
            }
            if (!inHeaders) {
                continue;
            }
            if (reader.isEmpty()) {
                inHeaders = false;
            } else if (reader.startsWithWhitespace() && currentHeader != null) {
                String continuation = reader.text().strip();
                if (currentHeader.equals(BENCH_ID_HEADER)) {
                    benchId = concat(benchId, continuation);
                } else {
                    messageId = concat(messageId, continuation);
                }
            } else if (reader.startsWithIgnoreCase(BENCH_ID_HEADER)) {
                currentHeader = BENCH_ID_HEADER;
                benchId = reader.text().substring(BENCH_ID_HEADER.length()).strip();
            } else if (reader.startsWithIgnoreCase(MESSAGE_ID_HEADER)) {
                currentHeader = MESSAGE_ID_HEADER;
                messageId = reader.text().substring(MESSAGE_ID_HEADER.length()).strip();
            } else {
                currentHeader = null;
            }
        }
        return false;
    }

    private static String concat(String value, String continuation) {
        return value == null || value.isEmpty() ? continuation : value + continuation;
    }

    private void reply(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }
}
