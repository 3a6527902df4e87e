package de.poststelle.smtp.server;

import de.poststelle.core.SmtpReply;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * The socket of one session: reading through {@link SmtpInput}, writing replies, the TLS upgrade.
 * Replies are buffered and sent when we are about to wait for the client, so pipelined commands
 * get their replies in few packets. Only the session thread reads; the server's shutdown may write
 * a last reply and close from another thread, hence the lock around writes.
 */
final class SmtpConnection implements Closeable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Duration idleTimeout;
    private final InetAddress remoteAddress;
    private volatile Socket socket;
    private SmtpInput input;
    private OutputStream output;
    private volatile boolean closed;

    SmtpConnection(Socket socket, Duration idleTimeout) throws IOException {
        this.idleTimeout = idleTimeout;
        this.remoteAddress = socket.getInetAddress();
        attach(socket);
    }

    SmtpInput input() {
        return input;
    }

    InetAddress remoteAddress() {
        return remoteAddress;
    }

    void reply(SmtpReply reply) throws IOException {
        write(reply.code() + " " + reply.enhancedStatus() + " " + singleLine(reply.text()));
    }

    /**
     * A reply without enhanced status code: RFC 2034 leaves them out of the greeting and the
     * replies to HELO and EHLO. More than one line makes a multi-line reply.
     */
    void replyPlain(int code, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                text.append("\r\n");
            }
            text.append(code).append(i < lines.size() - 1 ? '-' : ' ').append(singleLine(lines.get(i)));
        }
        write(text.toString());
    }

    void flush() throws IOException {
        writeLock.lock();
        try {
            output.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Replaces the plain socket by a TLS socket on top of it and completes the handshake; with
     * {@code askForCertificate} the client may present a certificate.
     */
    void startTls(SSLContext sslContext, boolean askForCertificate) throws IOException {
        flush();
        Socket plain = socket;
        SSLSocket tls = (SSLSocket) sslContext.getSocketFactory()
                .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.setWantClientAuth(askForCertificate);
        tls.startHandshake();
        attach(tls);
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** The chain the TLS client presented, leaf first; empty without TLS or certificate. */
    List<X509Certificate> clientCertificates() {
        if (!(socket instanceof SSLSocket tls)) {
            return List.of();
        }
        try {
            return Arrays.stream(tls.getSession().getPeerCertificates())
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return List.of();
        }
    }

    Optional<String> tlsProtocol() {
        return socket instanceof SSLSocket tls ? Optional.of(tls.getSession().getProtocol()) : Optional.empty();
    }

    /**
     * Sends a last reply and closes. Safe from any thread; if another thread is in the middle of
     * writing (e.g. to a client that does not read), the reply is skipped rather than waited for.
     */
    void closeWith(SmtpReply reply) {
        if (closed) {
            return;
        }
        if (writeLock.tryLock()) {
            try {
                reply(reply);
                output.flush();
            } catch (IOException ignored) {
                // The client is gone already; closing is all that is left to do.
            } finally {
                writeLock.unlock();
            }
        }
        close();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing useful to do about a failing close.
        }
    }

    private void attach(Socket newSocket) throws IOException {
        socket = newSocket;
        output = new BufferedOutputStream(newSocket.getOutputStream(), 8 * 1024);
        input = new SmtpInput(newSocket, idleTimeout, this::flush);
    }

    private void write(String line) throws IOException {
        writeLock.lock();
        try {
            output.write(line.getBytes(StandardCharsets.US_ASCII));
            output.write(CRLF);
        } finally {
            writeLock.unlock();
        }
    }

    /** Reply text from a handler must not break the reply into lines of its own. */
    private static String singleLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
