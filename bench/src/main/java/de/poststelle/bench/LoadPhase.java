package de.poststelle.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends a fixed number of messages over parallel SMTP sessions (one virtual thread each)
 * and records, per message, when sending started and when the server acknowledged it.
 * Sessions pull the next message from a shared counter, so a slow session does not hold
 * back the others.
 */
final class LoadPhase {

    private final LoadSettings settings;
    private final MessageFactory messages;
    private final String idPrefix;
    private final int count;
    private final long[] sendStartNanos;
    private final long[] acceptedNanos; // 0: not accepted
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private long startNanos;

    LoadPhase(LoadSettings settings, MessageFactory messages, String idPrefix, int count) {
        this.settings = settings;
        this.messages = messages;
        this.idPrefix = idPrefix;
        this.count = count;
        this.sendStartNanos = new long[count];
        this.acceptedNanos = new long[count];
    }

    void run() {
        startNanos = System.nanoTime();
        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < Math.min(settings.sessions(), count); i++) {
                int port = settings.port(i);
                sessions.execute(() -> runSession(port));
            }
        } // close() waits for all sessions
    }

    private void runSession(int port) {
        SmtpClientSession session = null;
        int index;
        while ((index = next.getAndIncrement()) < count) {
            String id = id(index);
            try {
                if (session == null) {
                    session = SmtpClientSession.open(settings.host(), port, settings.timeout());
                }
                sendStartNanos[index] = System.nanoTime();
                byte[] message = messages.build(id, epochMicros());
                session.send(settings.from(), settings.to(), message);
                acceptedNanos[index] = System.nanoTime();
            } catch (SmtpClientSession.RejectedException e) {
                recordError(e.getMessage());
            } catch (IOException e) {
                recordError(e.getClass().getSimpleName() + ": " + e.getMessage());
                if (session != null) {
                    session.close();
                }
                session = null; // reconnect for the next message
            }
        }
        if (session != null) {
            session.close();
        }
    }

    String id(int index) {
        return idPrefix + index;
    }

    int count() {
        return count;
    }

    long startNanos() {
        return startNanos;
    }

    long sendStartNanos(int index) {
        return sendStartNanos[index];
    }

    boolean accepted(int index) {
        return acceptedNanos[index] != 0;
    }

    long acceptedNanos(int index) {
        return acceptedNanos[index];
    }

    List<String> acceptedIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (accepted(i)) {
                ids.add(id(i));
            }
        }
        return ids;
    }

    /** Error texts with their counts. */
    Map<String, LongAdder> errors() {
        return errors;
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private void recordError(String text) {
        errors.computeIfAbsent(text, key -> new LongAdder()).increment();
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
