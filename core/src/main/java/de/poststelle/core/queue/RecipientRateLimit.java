package de.poststelle.core.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * At most {@code perSecond} recipients per second to the destinations it applies to, on this node:
 * a token bucket holding one second's worth. Recipients over the limit get evenly spaced later
 * times after those promised before, so a large backlog is spread over the time it needs instead
 * of being claimed and put back again and again.
 */
public final class RecipientRateLimit implements DeliveryThrottle {

    private final Predicate<String> appliesTo;
    private final double perSecond;
    private final Duration interval;
    private final InstantSource clock;
    private double tokens;
    private Instant refilledAt;
    private Instant promisedUntil;

    public RecipientRateLimit(Predicate<String> appliesTo, double perSecond, InstantSource clock) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive: " + perSecond);
        }
        this.appliesTo = appliesTo;
        this.perSecond = perSecond;
        this.interval = Duration.ofNanos(Math.max(1, Math.round(1e9 / perSecond)));
        this.clock = clock;
        this.tokens = capacity();
        this.refilledAt = clock.instant();
        this.promisedUntil = refilledAt;
    }

    @Override
    public synchronized Allowance take(String domain, int wanted) {
        if (!appliesTo.test(domain)) {
            return new Allowance(wanted, List.of());
        }
        Instant now = clock.instant();
        double elapsedSeconds = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
        tokens = Math.min(capacity(), tokens + elapsedSeconds * perSecond);
        refilledAt = now;
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        if (promisedUntil.isBefore(now)) {
            promisedUntil = now;
        }
        List<Instant> later = new ArrayList<>();
        for (int i = granted; i < wanted; i++) {
            promisedUntil = promisedUntil.plus(interval);
            later.add(promisedUntil);
        }
        return new Allowance(granted, later);
    }

    private double capacity() {
        return Math.max(1, perSecond);
    }
}
