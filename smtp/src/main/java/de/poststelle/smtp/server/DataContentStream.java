package de.poststelle.smtp.server;

import de.poststelle.core.SmtpReply;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The message text of one DATA command, as the handler reads it: dot-unstuffed, ending only at
 * {@code <CRLF>.<CRLF>} (RFC 5321 4.1.1.4, 4.5.2), streamed straight from the connection.
 *
 * <p>It is strict about line ends: a CR or LF that is not part of a CRLF pair fails the message
 * with {@link SmtpDataException}. Servers that take {@code <LF>.<LF>} or similar as the end of
 * DATA while another hop does not let an attacker smuggle a second message inside the first
 * (CVE-2023-51766 and relatives); rejecting every bare line break closes that door for mail
 * passing through us. Size and line length limits fail it the same way.
 *
 * <p>After a failure, {@link #discardRemainder()} reads on to the real end of DATA so the session
 * stays in step with the client. The same state machine runs in both modes, only that failures
 * are no longer raised and nothing is delivered.
 */
final class DataContentStream extends InputStream {

    /** Where we are within a line; decides what a '.', CR or LF means. */
    private enum State { LINE_START, IN_LINE, AFTER_CR, AFTER_LEADING_DOT, AFTER_LEADING_DOT_CR }

    private static final int NOTHING = -2;
    private static final int END = -1;

    private final SmtpInput input;
    private final long maxSize;
    private final int maxLineLength;
    private State state = State.LINE_START;
    private int lineOctets;
    private long deliveredOctets;
    private boolean ended;
    private boolean discardedUnread;
    private SmtpDataException violation;
    private IOException connectionFailure;

    DataContentStream(SmtpInput input, long maxSize, int maxLineLength) {
        this.input = input;
        this.maxSize = maxSize;
        this.maxLineLength = maxLineLength;
    }

    @Override
    public int read() throws IOException {
        if (violation != null) {
            throw violation;
        }
        while (!ended) {
            int result = advance(nextByte());
            if (violation != null) {
                throw violation;
            }
            if (result != NOTHING) {
                return result;
            }
        }
        return END;
    }

    /** Returns what is at hand without waiting for more once at least one octet is delivered. */
    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length && (count == 0 || input.hasBufferedBytes())) {
            int b = read();
            if (b == END) {
                break;
            }
            target[offset + count++] = (byte) b;
        }
        return count == 0 ? END : count;
    }

    /**
     * Reads, without delivering, up to the end of DATA. Throws only if the connection fails, which
     * ends the session.
     */
    void discardRemainder() throws IOException {
        discardedUnread = !ended;
        while (!ended) {
            advance(nextByte());
        }
    }

    /** After {@link #discardRemainder()}: whether the handler got the whole message, flawless. */
    boolean deliveredCompletely() {
        return violation == null && !discardedUnread;
    }

    SmtpDataException violation() {
        return violation;
    }

    long deliveredOctets() {
        return deliveredOctets;
    }

    private int nextByte() throws IOException {
        if (connectionFailure != null) {
            throw connectionFailure;
        }
        try {
            int b = input.read();
            if (b < 0) {
                throw new EOFException("connection closed during DATA");
            }
            return b;
        } catch (IOException e) {
            connectionFailure = e;
            throw e;
        }
    }

    /** Feeds one octet from the wire; returns the octet to deliver, {@link #NOTHING} or {@link #END}. */
    private int advance(int b) {
        if (++lineOctets > maxLineLength) {
            fail(Replies.DATA_LINE_TOO_LONG);
        }
        return switch (state) {
            // A leading dot is either dot-stuffing or the start of the terminating line; never content.
            case LINE_START -> b == '.' ? enter(State.AFTER_LEADING_DOT) : lineContent(b);
            case AFTER_LEADING_DOT -> b == '\r' ? enter(State.AFTER_LEADING_DOT_CR) : lineContent(b);
            case AFTER_LEADING_DOT_CR -> b == '\n' ? end() : bareCr(b);
            case AFTER_CR -> b == '\n' ? lineEnd(b) : bareCr(b);
            case IN_LINE -> lineContent(b);
        };
    }

    private int lineContent(int b) {
        if (b == '\n') {
            // Not a line end: a following "." must not start a terminating line.
            fail(Replies.BARE_LINE_BREAK_IN_DATA);
            state = State.IN_LINE;
            return deliver(b);
        }
        state = b == '\r' ? State.AFTER_CR : State.IN_LINE;
        return deliver(b);
    }

    private int bareCr(int b) {
        fail(Replies.BARE_LINE_BREAK_IN_DATA);
        return lineContent(b);
    }

    private int lineEnd(int lf) {
        state = State.LINE_START;
        lineOctets = 0;
        return deliver(lf);
    }

    private int enter(State next) {
        state = next;
        return NOTHING;
    }

    private int end() {
        ended = true;
        return END;
    }

    private int deliver(int b) {
        if (++deliveredOctets > maxSize) {
            fail(Replies.MESSAGE_TOO_BIG);
        }
        return b;
    }

    /** Keeps the first failure; the message is lost from there on anyway. */
    private void fail(SmtpReply reply) {
        if (violation == null) {
            violation = new SmtpDataException(reply);
        }
    }
}
