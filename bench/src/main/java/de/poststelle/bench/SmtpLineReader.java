package de.poststelle.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads SMTP lines into a reused byte buffer, so that a 10 KiB DATA section costs no
 * per-line allocation. Lines end at LF; a preceding CR is stripped. A bare LF is
 * tolerated on input because a sink should measure, not police its client.
 */
final class SmtpLineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;

    SmtpLineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at end of stream (a trailing unterminated line is dropped). */
    boolean next() throws IOException {
        length = 0;
        while (true) {
            if (position == limit && !fill()) {
                return false;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++; // consume LF
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return true;
            }
        }
    }

    /** True if more input is already buffered, i.e. the client pipelined and a flush can wait. */
    boolean hasBufferedInput() {
        return position < limit;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** The DATA terminator: a line consisting of a single dot. */
    boolean isDot() {
        return length == 1 && line[0] == '.';
    }

    boolean startsWithWhitespace() {
        return length > 0 && (line[0] == ' ' || line[0] == '\t');
    }

    boolean startsWithIgnoreCase(String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) line[i]) != Character.toLowerCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    String text() {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read < 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private void append(int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }
}
