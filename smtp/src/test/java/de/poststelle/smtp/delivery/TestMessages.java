package de.poststelle.smtp.delivery;

import de.poststelle.core.MessageSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Message sources for tests: small ones from text, large ones generated while they are read. */
final class TestMessages {

    private TestMessages() {
    }

    static MessageSource of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static MessageSource of(byte[] bytes) {
        return MessageSource.ofBytes(bytes);
    }

    static MessageSource simple(String subject) {
        return of("From: sender@example.org\r\nTo: rcpt@example.net\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@example.org>\r\n\r\nHello.\r\n");
    }

    /** A message of {@code lines} body lines that exists only while it is read: nothing is kept on the heap. */
    static MessageSource generated(long lines) {
        return new MessageSource() {
            @Override
            public InputStream open() {
                return new GeneratedMessageStream(lines);
            }

            @Override
            public long size() {
                return GeneratedMessageStream.HEADER.length + lines * GeneratedMessageStream.LINE_LENGTH;
            }
        };
    }

    static String sha256(MessageSource source) throws Exception {
        MessageDigest digest = ScriptedSmtpPeer.sha256();
        try (InputStream in = source.open()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final class GeneratedMessageStream extends InputStream {
        static final byte[] HEADER = ("From: big@example.org\r\nTo: rcpt@example.net\r\nSubject: large\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        static final int LINE_LENGTH = 78;

        private final long lines;
        private long position;

        GeneratedMessageStream(long lines) {
            this.lines = lines;
        }

        @Override
        public int read() {
            long total = HEADER.length + lines * LINE_LENGTH;
            if (position >= total) {
                return -1;
            }
            long at = position++;
            if (at < HEADER.length) {
                return HEADER[(int) at] & 0xff;
            }
            long inBody = at - HEADER.length;
            long line = inBody / LINE_LENGTH;
            int column = (int) (inBody % LINE_LENGTH);
            if (column == LINE_LENGTH - 2) {
                return '\r';
            }
            if (column == LINE_LENGTH - 1) {
                return '\n';
            }
            // A leading dot on some lines exercises dot-stuffing; 'ä' bytes exercise 8BITMIME.
            if (column == 0 && line % 7 == 0) {
                return '.';
            }
            return column % 13 == 5 ? 0xc3 : column % 13 == 6 ? 0xa4 : 'a' + (int) ((line + column) % 26);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = 0;
            int b;
            while (n < length && (b = read()) != -1) {
                buffer[offset + n++] = (byte) b;
            }
            return n == 0 && length > 0 ? -1 : n;
        }
    }
}
