package de.poststelle.core.queue;

import java.time.Duration;

/**
 * Lets the pipeline hand a mail it has just finished straight to this node's delivery: the
 * recipients are claimed in the transaction that records the pipeline's result, which saves the
 * delivery loop a claim transaction per mail. Only as many jobs as there are free delivery slots
 * are handed over, so claimed work never waits for a slot while its lease runs.
 */
public interface DeliveryHandoff {

    /** Reserves {@code jobs} delivery slots if that many are free right now. */
    boolean tryReserve(int jobs);

    /** Gives back reserved slots that no job needed. */
    void release(int jobs);

    /** Starts a job claimed for this node in a reserved slot. */
    void start(DeliveryJob job);

    /** How long the claimed recipients are leased. */
    Duration lease();
}
