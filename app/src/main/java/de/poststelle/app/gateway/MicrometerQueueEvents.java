package de.poststelle.app.gateway;

import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.QueueCounts;
import de.poststelle.core.queue.QueueEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/** Queue metrics for Prometheus ({@code /actuator/prometheus}); names are listed in the README. */
public final class MicrometerQueueEvents implements QueueEvents {

    private final Counter accepted;
    private final DistributionSummary acceptedSize;
    private final Counter delivered;
    private final Counter deferred;
    private final Counter failed;
    private final Counter bounced;
    private final Timer deliveryLatency;

    public MicrometerQueueEvents(MeterRegistry registry, MailQueue queue) {
        accepted = Counter.builder("poststelle.mail.accepted").description("Mails accepted with 250").register(registry);
        acceptedSize = DistributionSummary.builder("poststelle.mail.accepted.size").baseUnit("bytes").register(registry);
        delivered = Counter.builder("poststelle.recipients.delivered").register(registry);
        deferred = Counter.builder("poststelle.recipients.deferred").register(registry);
        failed = Counter.builder("poststelle.recipients.failed").register(registry);
        bounced = Counter.builder("poststelle.bounces.sent").register(registry);
        deliveryLatency = Timer.builder("poststelle.delivery.latency")
                .description("Time from acceptance to successful delivery")
                .publishPercentiles(0.5, 0.99).register(registry);
        CachedCounts counts = new CachedCounts(queue);
        gauge(registry, "processing", counts, QueueCounts::pendingMessages);
        gauge(registry, "queued", counts, QueueCounts::queued);
        gauge(registry, "deferred", counts, QueueCounts::deferred);
        gauge(registry, "bounce", counts, QueueCounts::bouncesDue);
    }

    private static void gauge(MeterRegistry registry, String state, CachedCounts counts,
                              ToDoubleFunction<QueueCounts> value) {
        Gauge.builder("poststelle.queue.size", counts, c -> value.applyAsDouble(c.get()))
                .tag("state", state).description("Work waiting in the queue")
                .strongReference(true) // nothing else holds the cache; a weak reference would read NaN
                .register(registry);
    }

    @Override
    public void accepted(long octets) {
        accepted.increment();
        acceptedSize.record(octets);
    }

    @Override
    public void delivered(Duration timeInQueue) {
        delivered.increment();
        deliveryLatency.record(timeInQueue);
    }

    @Override
    public void deferred() {
        deferred.increment();
    }

    @Override
    public void failed() {
        failed.increment();
    }

    @Override
    public void bounced() {
        bounced.increment();
    }

    /** Counting the queue costs queries; scrapes within a few seconds share one result. */
    private static final class CachedCounts {
        private final MailQueue queue;
        private QueueCounts counts = new QueueCounts(0, 0, 0, 0);
        private Instant fetched = Instant.MIN;

        CachedCounts(MailQueue queue) {
            this.queue = queue;
        }

        synchronized QueueCounts get() {
            Instant now = Instant.now();
            if (fetched.isBefore(now.minusSeconds(5))) {
                try {
                    counts = queue.counts();
                    fetched = now;
                } catch (RuntimeException e) {
                    // keep the last known counts; the database health indicator reports the outage
                }
            }
            return counts;
        }
    }
}
