package de.poststelle.smtp.server;

import de.poststelle.core.InboundMailHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound SMTP server: accepts connections and runs each session on its own virtual thread.
 * It knows nothing about what happens to a mail; that is the {@link InboundMailHandler}'s job.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpServer.class);
    /** How long {@link #stop} waits for sessions to end once their sockets are closed. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(5);
    private static final int ACCEPT_BACKLOG = 100;

    private final SmtpServerConfig config;
    private final InboundMailHandler handler;
    private final ConnectionLimiter limiter;
    private final Map<SmtpSession, Thread> sessions = new ConcurrentHashMap<>();
    private ServerSocket serverSocket;
    private Thread acceptor;
    private volatile boolean stopping;

    public SmtpServer(SmtpServerConfig config, InboundMailHandler handler) {
        this.config = config;
        this.handler = handler;
        this.limiter = new ConnectionLimiter(config.maxSessions(), config.maxSessionsPerClient());
    }

    /** Binds the port and starts accepting connections. */
    public synchronized void start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(config.bindAddress(), config.port()), ACCEPT_BACKLOG);
        serverSocket = socket;
        acceptor = Thread.ofVirtual().name("smtp-acceptor").start(this::acceptConnections);
        log.info("SMTP server {} listening on {}", config.hostname(), socket.getLocalSocketAddress());
    }

    /** The port we listen on; useful when the configured port is 0. */
    public synchronized int port() {
        if (serverSocket == null) {
            throw new IllegalStateException("not started");
        }
        return serverSocket.getLocalPort();
    }

    /**
     * Graceful shutdown: stops accepting connections, closes idle sessions with {@code 421 4.3.2}
     * and lets sessions in a mail transaction finish it (including DATA) for up to {@code grace};
     * then closes the remaining ones the same way.
     */
    public void stop(Duration grace) {
        synchronized (this) {
            if (serverSocket == null || stopping) {
                return;
            }
            stopping = true;
        }
        Instant deadline = Instant.now().plus(grace);
        closeQuietly(serverSocket);
        awaitEnd(acceptor, ABORT_WAIT);
        log.info("SMTP server stopping, {} sessions open", sessions.size());
        sessions.keySet().forEach(SmtpSession::closeIfIdle);
        for (Thread thread : List.copyOf(sessions.values())) {
            awaitEnd(thread, Duration.between(Instant.now(), deadline));
        }
        if (!sessions.isEmpty()) {
            log.warn("SMTP server grace period over, aborting {} sessions", sessions.size());
            sessions.keySet().forEach(SmtpSession::abort);
            Instant abortDeadline = Instant.now().plus(ABORT_WAIT);
            for (Thread thread : List.copyOf(sessions.values())) {
                awaitEnd(thread, Duration.between(Instant.now(), abortDeadline));
            }
        }
        log.info("SMTP server stopped");
    }

    /** Stops without grace period. */
    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private void acceptConnections() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (serverSocket.isClosed()) {
                    return;
                }
                log.warn("SMTP accept failed: {}", e.toString());
                continue;
            }
            startSession(socket);
        }
    }

    private void startSession(Socket socket) {
        try {
            // Replies are written whole and flushed once per batch: Nagle would only add delay.
            socket.setTcpNoDelay(true);
            SmtpConnection connection = new SmtpConnection(socket, config.commandTimeout());
            SmtpSession session =
                    new SmtpSession(newSessionId(), connection, config, handler, limiter, () -> stopping);
            Thread thread = Thread.ofVirtual().name("smtp-session").unstarted(() -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(session);
                }
            });
            sessions.put(session, thread);
            thread.start();
        } catch (IOException e) {
            log.warn("SMTP session setup failed: {}", e.toString());
            closeQuietly(socket);
        }
    }

    /** Short, like Postfix queue ids: enough to find one session's lines in the log. */
    private static String newSessionId() {
        return HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong(), 10);
    }

    private static void awaitEnd(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing during shutdown or after a failure; nothing left to do.
        }
    }
}
