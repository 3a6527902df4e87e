package de.poststelle.core.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff between attempts, capped at {@code maxDelay}, and a maximum time in the
 * queue after which a mail that still cannot be delivered is bounced (Postfix's
 * {@code maximal_queue_lifetime}).
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, Duration maxAge) {

    public RetryPolicy {
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay");
        }
    }

    /** When to try again after {@code failedAttempts} failures (1 for the first failure). */
    public Instant nextAttempt(int failedAttempts, Instant now) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = initialDelay.multipliedBy(1L << doublings);
        return now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }

    public boolean expired(Instant receivedAt, Instant now) {
        return !now.isBefore(receivedAt.plus(maxAge));
    }
}
