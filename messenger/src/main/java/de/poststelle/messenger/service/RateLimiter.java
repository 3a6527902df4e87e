package de.poststelle.messenger.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} requests per key (a client address) in each fixed window. Kept in memory
 * per node: several nodes together allow a multiple, which still stops a flood.
 */
public final class RateLimiter {

    private record Window(Instant start, int count) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    public boolean tryAcquire(String key) {
        Instant now = clock.instant();
        windows.values().removeIf(old -> !now.isBefore(old.start().plus(window)));
        Window current = windows.compute(key, (k, old) -> old == null ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return current.count() <= limit;
    }
}
