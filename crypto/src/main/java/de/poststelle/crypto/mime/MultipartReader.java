package de.poststelle.crypto.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits the body of a multipart entity (RFC 2046 section 5.1.1) into its parts, streaming: each
 * part is an {@link InputStream} over its raw octets, header included, exactly as they stand in the
 * message. The line end before a delimiter line belongs to the delimiter, so a part's octets are
 * what a detached signature covers (RFC 1847, RFC 3156). Parts must be read in order. The input is
 * read ahead in blocks: the reader owns it from the start of the body on.
 */
public final class MultipartReader {

    /** Longer than any delimiter line (a boundary has at most 70 characters), so such a run cannot be one. */
    private static final int MAX_SEGMENT = 8192;

    private final InputStream in;
    private final byte[] readAhead = new byte[64 * 1024];
    private int readAheadPos;
    private int readAheadLimit;
    private final byte[] delimiter;
    private Part current;
    private boolean finished;

    /** @param body positioned at the first octet of the multipart body (the preamble) */
    public MultipartReader(InputStream body, String boundary) {
        this.in = body;
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.current = new Part(); // the preamble, skipped by the first nextPart()
    }

    /** The next part, or null after the close delimiter (or the end of the input). */
    public InputStream nextPart() throws IOException {
        current.skipRest();
        if (finished) {
            return null;
        }
        current = new Part();
        return current;
    }

    private int nextOctet() throws IOException {
        if (readAheadPos == readAheadLimit) {
            int n = in.read(readAhead);
            if (n <= 0) {
                return -1;
            }
            readAheadPos = 0;
            readAheadLimit = n;
        }
        return readAhead[readAheadPos++] & 0xff;
    }

    private enum Line { CONTENT, DELIMITER, CLOSE_DELIMITER }

    private Line classify(byte[] segment, int length) {
        if (length < delimiter.length) {
            return Line.CONTENT;
        }
        for (int i = 0; i < delimiter.length; i++) {
            if (segment[i] != delimiter[i]) {
                return Line.CONTENT;
            }
        }
        int i = delimiter.length;
        boolean close = length >= i + 2 && segment[i] == '-' && segment[i + 1] == '-';
        if (close) {
            i += 2;
        }
        for (; i < length; i++) {
            byte b = segment[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return Line.CONTENT;
            }
        }
        return close ? Line.CLOSE_DELIMITER : Line.DELIMITER;
    }

    /** The octets of one part. The line end of each line is held back until the next line shows it is content. */
    private final class Part extends InputStream {
        private final byte[] segment = new byte[MAX_SEGMENT];
        private final byte[] chunk = new byte[MAX_SEGMENT + 2];
        private int pos;
        private int limit;
        private final byte[] heldLineEnd = new byte[2];
        private int heldLength;
        private boolean atLineStart = true;
        private boolean ended;

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return chunk[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        void skipRest() throws IOException {
            while (fill()) {
                pos = limit;
            }
        }

        private boolean fill() throws IOException {
            while (pos == limit) {
                if (ended) {
                    return false;
                }
                int length = readSegment();
                if (length == 0 || (atLineStart && classify(segment, length) != Line.CONTENT)) {
                    ended = true;
                    finished |= length == 0 || classify(segment, length) == Line.CLOSE_DELIMITER;
                    return false;
                }
                atLineStart = segment[length - 1] == '\n';
                int lineEnd = 0;
                if (atLineStart) {
                    lineEnd = length >= 2 && segment[length - 2] == '\r' ? 2 : 1;
                }
                System.arraycopy(heldLineEnd, 0, chunk, 0, heldLength);
                System.arraycopy(segment, 0, chunk, heldLength, length - lineEnd);
                pos = 0;
                limit = heldLength + length - lineEnd;
                System.arraycopy(segment, length - lineEnd, heldLineEnd, 0, lineEnd);
                heldLength = lineEnd;
            }
            return true;
        }

        /** Up to and including the next LF, at most {@link #MAX_SEGMENT} octets; 0 at the end of input. */
        private int readSegment() throws IOException {
            int n = 0;
            while (n < MAX_SEGMENT) {
                int b = nextOctet();
                if (b < 0) {
                    break;
                }
                segment[n++] = (byte) b;
                if (b == '\n') {
                    break;
                }
            }
            return n;
        }
    }
}
