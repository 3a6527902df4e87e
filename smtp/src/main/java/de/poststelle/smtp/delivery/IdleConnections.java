package de.poststelle.smtp.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open connections waiting for the next message to the same destination (route key). Saves the
 * TCP, TLS and EHLO round trips when a queue run sends many messages to one destination.
 */
final class IdleConnections {

    private final Duration idleTimeout;
    private final int maxMessagesPerConnection;
    private final Clock clock;
    private final Map<String, Deque<SmtpConnection>> idle = new HashMap<>();
    private boolean closed;

    IdleConnections(Duration idleTimeout, int maxMessagesPerConnection, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.maxMessagesPerConnection = maxMessagesPerConnection;
        this.clock = clock;
    }

    /** A live connection to {@code destination}, if one is idle; dead and expired ones are closed on the way. */
    Optional<SmtpConnection> take(String destination) {
        SmtpConnection candidate;
        while ((candidate = poll(destination)) != null) {
            if (!isExpired(candidate) && candidate.isAlive()) {
                return Optional.of(candidate);
            }
            candidate.close();
        }
        return Optional.empty();
    }

    /** Keeps {@code connection} for the next message, unless it has sent enough or the pool is closed. */
    void giveBack(String destination, SmtpConnection connection) {
        if (connection.messagesSent() < maxMessagesPerConnection) {
            connection.markIdle(clock.instant());
            synchronized (this) {
                if (!closed) {
                    // Last in, first out: the most recently used connection is the most likely to be alive.
                    idle.computeIfAbsent(destination, key -> new ArrayDeque<>()).push(connection);
                    return;
                }
            }
        }
        connection.close();
    }

    void closeExpired() {
        List<SmtpConnection> expired = new ArrayList<>();
        synchronized (this) {
            for (Deque<SmtpConnection> connections : idle.values()) {
                connections.removeIf(connection -> isExpired(connection) && expired.add(connection));
            }
            idle.values().removeIf(Deque::isEmpty);
        }
        expired.forEach(SmtpConnection::close);
    }

    void closeAll() {
        List<SmtpConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(SmtpConnection::close);
    }

    private synchronized SmtpConnection poll(String destination) {
        Deque<SmtpConnection> connections = idle.get(destination);
        return connections == null ? null : connections.poll();
    }

    private boolean isExpired(SmtpConnection connection) {
        return connection.idleSince().plus(idleTimeout).isBefore(clock.instant());
    }
}
