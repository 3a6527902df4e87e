package de.poststelle.core.queue;

import java.time.Instant;
import java.util.List;

/**
 * Limits how fast recipients go to a destination. Recipients over the limit are not attempted:
 * they go back to the queue with their own next attempt (no attempt counted, no retry back-off),
 * so no worker waits for permits while holding a lease.
 */
@FunctionalInterface
public interface DeliveryThrottle {

    DeliveryThrottle NONE = (domain, wanted) -> new Allowance(wanted, List.of());

    /** Takes permits for up to {@code wanted} recipients of {@code domain}. */
    Allowance take(String domain, int wanted);

    /** {@code now} recipients may go at once; the rest, in order, not before the times in {@code later}. */
    record Allowance(int now, List<Instant> later) {

        public Allowance {
            later = List.copyOf(later);
        }
    }
}
