package de.poststelle.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * Buffered bytes from the client. We buffer ourselves rather than through a BufferedInputStream
 * because STARTTLS must know whether the client sent anything after the command, and because
 * pending replies have to be flushed exactly when we are about to wait for the client.
 */
final class SmtpInput {

    /** Sends buffered replies; called before every read that may block (RFC 2920 3.2 no. 7). */
    @FunctionalInterface
    interface BeforeBlockingRead {
        void run() throws IOException;
    }

    private final Socket socket;
    private final InputStream in;
    private final Duration idleTimeout;
    private final BeforeBlockingRead beforeBlockingRead;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private Instant deadline;
    private String deadlineFor;

    SmtpInput(Socket socket, Duration idleTimeout, BeforeBlockingRead beforeBlockingRead) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.idleTimeout = idleTimeout;
        this.beforeBlockingRead = beforeBlockingRead;
    }

    /** The next byte, or -1 when the client has closed the connection. */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    boolean hasBufferedBytes() {
        return position < limit;
    }

    /** Whether the client has sent bytes we have not read yet, in our buffer or the socket's. */
    boolean hasPendingBytes() throws IOException {
        return hasBufferedBytes() || in.available() > 0;
    }

    /**
     * Until {@link #clearDeadline()}, reads fail with a timeout once {@code deadline} has passed;
     * {@code what} names what had to arrive by then, for the log.
     */
    void setDeadline(Instant deadline, String what) {
        this.deadline = deadline;
        this.deadlineFor = what;
    }

    void clearDeadline() {
        deadline = null;
    }

    private boolean fill() throws IOException {
        beforeBlockingRead.run();
        socket.setSoTimeout(timeoutMillis());
        int count = in.read(buffer);
        if (count <= 0) {
            return false;
        }
        position = 0;
        limit = count;
        return true;
    }

    private int timeoutMillis() throws SocketTimeoutException {
        long idle = idleTimeout.toMillis();
        if (deadline == null) {
            return (int) Math.min(idle, Integer.MAX_VALUE);
        }
        long remaining = Duration.between(Instant.now(), deadline).toMillis();
        if (remaining <= 0) {
            throw new SocketTimeoutException(deadlineFor + " took longer than allowed");
        }
        return (int) Math.min(Math.min(idle, remaining), Integer.MAX_VALUE);
    }
}
