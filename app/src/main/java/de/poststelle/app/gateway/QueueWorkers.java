package de.poststelle.app.gateway;

import de.poststelle.core.queue.BounceRunner;
import de.poststelle.core.queue.DeliveryHandoff;
import de.poststelle.core.queue.DeliveryJob;
import de.poststelle.core.queue.DeliveryRunner;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.PipelineRunner;
import de.poststelle.core.queue.WorkLoop;
import de.poststelle.core.queue.WorkSignal;
import de.poststelle.admin.service.QueueWorkRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's queue workers: pipeline, delivery and bounces, each a {@link WorkLoop} claiming work
 * from the shared queue, and the purge of finished mail. Started after the database is migrated,
 * stopped after the SMTP server so mail accepted during shutdown is still processed or left
 * safely in the queue.
 */
public final class QueueWorkers {

    private static final Logger log = LoggerFactory.getLogger(QueueWorkers.class);

    /** Work signals that wake the loops; the inbound handler and the runners share them. */
    public record Signals(WorkSignal pipeline, WorkSignal delivery, WorkSignal bounce) {
        public static Signals create() {
            return new Signals(new WorkSignal(), new WorkSignal(), new WorkSignal());
        }
    }

    /** Wakes this node's loops when an admin made mail due ("retry now") instead of waiting for the next poll. */
    public record AdminRetries(Signals signals) {
        @EventListener
        public void retryRequested(QueueWorkRequested request) {
            signals.pipeline().wake();
            signals.delivery().wake();
        }
    }

    /** How the loops run on this node. */
    public record Settings(String nodeId, int pipelineConcurrency, int deliveryConcurrency, Duration lease,
                           Duration pollInterval, Duration retention) {
    }

    /** Mail the pipeline finished goes straight into this node's free delivery slots. */
    private record LoopHandoff(WorkLoop<DeliveryJob> deliveries, Duration lease) implements DeliveryHandoff {
        @Override
        public boolean tryReserve(int jobs) {
            return deliveries.tryReserve(jobs);
        }

        @Override
        public void release(int jobs) {
            deliveries.release(jobs);
        }

        @Override
        public void start(DeliveryJob job) {
            deliveries.startReserved(job);
        }
    }

    private final MailQueue queue;
    private final String nodeId;
    private final List<WorkLoop<?>> loops;
    private final Runnable purge;
    private final ScheduledExecutorService purgeSchedule =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("poststelle-purge").daemon().factory());

    public QueueWorkers(MailQueue queue, Settings settings, Signals signals, Clock clock, PipelineRunner pipeline,
                        DeliveryRunner delivery, BounceRunner bounce) {
        String node = settings.nodeId();
        this.queue = queue;
        this.nodeId = node;
        WorkLoop<DeliveryJob> deliveries = new WorkLoop<>("delivery", settings.deliveryConcurrency(),
                settings.pollInterval(), signals.delivery(),
                limit -> queue.claimDeliveries(node, clock.instant(), settings.lease(), limit), delivery::deliver);
        DeliveryHandoff handoff = new LoopHandoff(deliveries, settings.lease());
        loops = List.of(
                new WorkLoop<>("pipeline", settings.pipelineConcurrency(), settings.pollInterval(), signals.pipeline(),
                        limit -> queue.claimForProcessing(node, clock.instant(), settings.lease(), limit),
                        job -> pipeline.process(job, handoff)),
                deliveries,
                new WorkLoop<>("bounce", 4, settings.pollInterval(), signals.bounce(),
                        limit -> queue.claimBounces(node, clock.instant(), settings.lease(), limit),
                        bounce::bounce));
        purge = () -> {
            try {
                int purged = queue.purgeCompleted(clock.instant().minus(settings.retention()));
                if (purged > 0) {
                    log.info("purged {} finished mails older than {}", purged, settings.retention());
                }
            } catch (RuntimeException e) {
                log.warn("cannot purge finished mail, will try again: {}", e.toString());
            }
        };
    }

    public void start() {
        int released = queue.releaseLeases(nodeId);
        if (released > 0) {
            log.info("resuming {} queue entries this node ({}) held when it stopped", released, nodeId);
        }
        loops.forEach(WorkLoop::start);
        purgeSchedule.scheduleWithFixedDelay(purge, 1, 10, TimeUnit.MINUTES);
    }

    public void stop(Duration grace) throws InterruptedException {
        for (WorkLoop<?> loop : loops) {
            loop.stop(grace);
        }
        purgeSchedule.shutdownNow();
    }
}
