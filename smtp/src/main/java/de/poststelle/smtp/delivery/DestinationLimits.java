package de.poststelle.smtp.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Caps the parallel deliveries, and so the open connections, per destination (route key), so the
 * gateway does not overrun a receiving server. Callers block, which is cheap on virtual threads.
 */
final class DestinationLimits {

    private final int maxPerDestination;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    DestinationLimits(int maxPerDestination) {
        this.maxPerDestination = maxPerDestination;
    }

    void acquire(String destination) throws InterruptedException {
        semaphore(destination).acquire();
    }

    void release(String destination) {
        semaphore(destination).release();
    }

    private Semaphore semaphore(String destination) {
        return permits.computeIfAbsent(destination, key -> new Semaphore(maxPerDestination, true));
    }
}
