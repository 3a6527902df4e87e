package de.poststelle.core.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Claims jobs while it has free slots and runs each on a virtual thread. It never claims more than
 * it can start at once, so claimed work does not wait behind a slow destination while its lease
 * runs out.
 */
public final class WorkLoop<J> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);

    private final String name;
    private final IntFunction<List<J>> claim;
    private final Consumer<J> handler;
    private final Semaphore slots;
    private final Duration pollInterval;
    private final WorkSignal signal;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;
    private final Thread thread;

    public WorkLoop(String name, int maxConcurrent, Duration pollInterval, WorkSignal signal,
                    IntFunction<List<J>> claim, Consumer<J> handler) {
        this.name = name;
        this.claim = claim;
        this.handler = handler;
        this.slots = new Semaphore(maxConcurrent);
        this.pollInterval = pollInterval;
        this.signal = signal;
        this.thread = Thread.ofPlatform().name("poststelle-" + name).daemon().unstarted(this::loop);
    }

    public WorkLoop<J> start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                int free = slots.availablePermits();
                List<J> jobs = free == 0 ? List.of() : claimQuietly(free);
                for (J job : jobs) {
                    slots.acquireUninterruptibly();
                    executor.execute(() -> runJob(job));
                }
                if (jobs.isEmpty()) {
                    signal.await(pollInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<J> claimQuietly(int limit) {
        try {
            return claim.apply(limit);
        } catch (RuntimeException e) {
            log.warn("{}: cannot claim work, will retry: {}", name, e.toString());
            return List.of();
        }
    }

    private void runJob(J job) {
        try {
            handler.accept(job);
        } catch (LeaseLostException e) {
            log.warn("{}: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            // The job's lease runs out and it is claimed again: nothing is lost, but say why.
            log.error("{}: job failed and will be retried after its lease expires", name, e);
        } finally {
            slots.release();
            signal.wake();
        }
    }

    /** Reserves slots for jobs claimed elsewhere; false if fewer are free right now. */
    public boolean tryReserve(int jobs) {
        return slots.tryAcquire(jobs);
    }

    /** Gives back slots reserved with {@link #tryReserve} that were not used. */
    public void release(int jobs) {
        slots.release(jobs);
    }

    /** Runs a job in a slot reserved with {@link #tryReserve}; the slot is freed when the job ends. */
    public void startReserved(J job) {
        executor.execute(() -> runJob(job));
    }

    /** Stops claiming, then waits up to {@code grace} for running jobs to finish. */
    public void stop(Duration grace) throws InterruptedException {
        running = false;
        signal.wake();
        thread.join(grace.toMillis());
        executor.shutdown();
        if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("{}: jobs still running after {}; their leases will expire and they will be retried", name, grace);
            executor.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }
}
