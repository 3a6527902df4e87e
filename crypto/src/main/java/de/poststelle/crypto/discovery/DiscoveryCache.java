package de.poststelle.crypto.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers discovery results per address for a while, so that a busy gateway does not ask a
 * directory for every mail. An empty result is remembered for a shorter time: the recipient may
 * publish a key soon, and a directory that was down should be asked again.
 *
 * @param <K> what is looked up (an address)
 * @param <V> what is found
 */
public final class DiscoveryCache<K, V> {

    /** Beyond this many entries, expired ones are dropped; if that is not enough, all are. */
    private static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(List<V> values, Instant expires) {
    }

    private final Clock clock;
    private final Duration found;
    private final Duration notFound;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    /**
     * @param found how long a non-empty result is kept
     * @param notFound how long an empty result is kept
     */
    public DiscoveryCache(Clock clock, Duration found, Duration notFound) {
        this.clock = clock;
        this.found = found;
        this.notFound = notFound;
    }

    /** The remembered result for {@code key}, or {@code lookup}'s (then remembered). */
    public List<V> get(K key, Function<K, List<V>> lookup) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.values();
        }
        List<V> values = List.copyOf(lookup.apply(key));
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(values, now.plus(values.isEmpty() ? notFound : found)));
        return values;
    }
}
