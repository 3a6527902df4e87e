package de.poststelle.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server on 127.0.0.1 that accepts and discards every message, recording when each
 * one arrived. It stands in for the gateway's next hop, so the load generator can measure
 * end to end in one process, with one clock.
 *
 * <p>Messages are keyed by their {@code X-Bench-Id} header, else their {@code Message-ID},
 * else {@code #n} by order of arrival.
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Long> arrivalNanos = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong firstArrivalMillis = new AtomicLong();
    private volatile long lastArrivalMillis;

    private SmtpSink(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
    }

    /** Starts listening on 127.0.0.1; port 0 picks a free port. */
    public static SmtpSink start(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        SmtpSink sink = new SmtpSink(socket);
        Thread.ofVirtual().name("smtp-sink-accept").start(sink::acceptLoop);
        return sink;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Number of messages received, duplicates included. */
    public long messageCount() {
        return messages.get();
    }

    /** Messages whose id had arrived before, e.g. because the gateway delivered twice. */
    public long duplicateCount() {
        return duplicates.get();
    }

    /** System.nanoTime() of the first arrival of the message with this id, or null. */
    public Long arrivalNanos(String id) {
        return arrivalNanos.get(id);
    }

    /** Wall-clock millis of the first and last arrival; 0 before any message arrived. */
    public long firstArrivalMillis() {
        return firstArrivalMillis.get();
    }

    public long lastArrivalMillis() {
        return lastArrivalMillis;
    }

    /**
     * Waits until every id has arrived. Polls: arrival times are recorded by the connections
     * themselves, so the poll interval does not distort any measurement.
     *
     * @return true if all arrived within the timeout
     */
    public boolean awaitArrivals(Collection<String> ids, Duration timeout) throws InterruptedException {
        List<String> pending = new ArrayList<>(ids);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            pending.removeIf(arrivalNanos::containsKey);
            if (pending.isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
    }

    /** Waits until at least {@code count} messages have arrived. @return true if they did in time */
    public boolean awaitCount(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.get() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.execute(() -> new SinkConnection(socket, this::recordArrival).serve());
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                System.err.println("smtp-sink: accept failed: " + e.getMessage());
            }
        }
    }

    private void recordArrival(String id, long nanos) {
        long count = messages.incrementAndGet();
        long now = System.currentTimeMillis();
        firstArrivalMillis.compareAndSet(0, now);
        lastArrivalMillis = now;
        String key = id != null ? id : "#" + count;
        if (arrivalNanos.putIfAbsent(key, nanos) != null) {
            duplicates.incrementAndGet();
        }
    }

    /**
     * Runs the sink standalone, for load that does not come from {@link LoadGenerator}
     * (e.g. Postfix's smtp-source): {@code --port P --expect N [--timeout SECONDS]}.
     * Prints {@code SINK ready port=P}, then after N messages (or the timeout)
     * {@code SINK msgs=… duplicates=… first_arrival_ms=… last_arrival_ms=…} with epoch millis,
     * so that a script can compute end-to-end time from its own start timestamp.
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, "port", "expect", "timeout");
        int expected = options.intValue("expect", 1);
        try (SmtpSink sink = start(options.intValue("port", 2526))) {
            System.out.println("SINK ready port=" + sink.port());
            boolean complete = sink.awaitCount(expected, Duration.ofSeconds(options.intValue("timeout", 120)));
            System.out.printf("SINK msgs=%d duplicates=%d first_arrival_ms=%d last_arrival_ms=%d%n",
                    sink.messageCount(), sink.duplicateCount(), sink.firstArrivalMillis(), sink.lastArrivalMillis());
            System.exit(complete ? 0 : 1);
        }
    }
}
