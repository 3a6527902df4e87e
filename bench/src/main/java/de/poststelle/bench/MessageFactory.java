package de.poststelle.bench;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Builds RFC 5322 test messages of a fixed total size. The body is shared across messages;
 * only the header section is built per message. Every line ends in CRLF and no line starts
 * with a dot, so the bytes can go on the wire after DATA without dot-stuffing.
 */
final class MessageFactory {

    /** Header carrying the id the sink keys arrivals by. */
    static final String BENCH_ID_HEADER = "X-Bench-Id";
    /** Header carrying the send time in epoch microseconds, for sinks outside this process. */
    static final String SENT_HEADER = "X-Bench-Sent";

    private static final int BODY_LINE_LENGTH = 76;

    private final String from;
    private final String to;
    private final int size;
    private final byte[] bodyLine;

    MessageFactory(String from, String to, int size) {
        this.from = from;
        this.to = to;
        this.size = size;
        this.bodyLine = bodyLine();
    }

    /**
     * @param benchId    unique id, also used for the Message-ID
     * @param sentMicros send time in epoch microseconds
     * @return the message, at least {@code size} bytes unless the headers alone are larger
     */
    byte[] build(String benchId, long sentMicros) {
        String headers = "From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: Poststelle benchmark " + benchId + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Message-ID: <" + benchId + "@bench.poststelle.invalid>\r\n"
                + BENCH_ID_HEADER + ": " + benchId + "\r\n"
                + SENT_HEADER + ": " + sentMicros + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n";
        byte[] head = headers.getBytes(StandardCharsets.US_ASCII);
        int bodyLength = Math.max(size - head.length, bodyLine.length);
        byte[] message = new byte[head.length + bodyLength];
        System.arraycopy(head, 0, message, 0, head.length);
        fillBody(message, head.length);
        return message;
    }

    /** Fills with whole body lines; a shorter final line keeps the total exact and CRLF-terminated. */
    private void fillBody(byte[] message, int offset) {
        while (message.length - offset >= bodyLine.length) {
            System.arraycopy(bodyLine, 0, message, offset, bodyLine.length);
            offset += bodyLine.length;
        }
        int rest = message.length - offset;
        if (rest == 0) {
            return;
        }
        if (rest < 3) {
            // Too short for "x\r\n": widen the previous line instead, in front of its CRLF.
            offset -= 2;
            rest += 2;
        }
        for (int i = 0; i < rest - 2; i++) {
            message[offset + i] = 'x';
        }
        message[message.length - 2] = '\r';
        message[message.length - 1] = '\n';
    }

    private static byte[] bodyLine() {
        StringBuilder line = new StringBuilder(BODY_LINE_LENGTH + 2);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
        for (int i = 0; i < BODY_LINE_LENGTH; i++) {
            line.append(alphabet.charAt(i % alphabet.length()));
        }
        return line.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
