package de.poststelle.messenger;

import de.poststelle.messenger.service.MailboxLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the mailbox lifecycle (warnings, deletions) every interval; an interval of 0 turns it off. */
final class LifecycleSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleSchedule.class);

    private final MailboxLifecycle lifecycle;
    private final Duration interval;
    private ScheduledExecutorService executor;

    LifecycleSchedule(MailboxLifecycle lifecycle, Duration interval) {
        this.lifecycle = lifecycle;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("messenger-lifecycle").factory());
        executor.scheduleWithFixedDelay(this::runLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runLogged() {
        try {
            lifecycle.run();
        } catch (RuntimeException e) {
            LOG.error("Messenger lifecycle run failed; retried at the next interval", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
