package de.poststelle.core.queue;

/**
 * Where a mail stands, as an administrator sees it. The store keeps a state per mail (pipeline,
 * recipients, quarantine, done) and one per recipient; this is derived from both, so that a mail
 * with one deferred recipient shows up as deferred even while its other recipients are delivered.
 * Each mail is in exactly one of these states; the first that applies, in this order, wins.
 */
public enum QueueState {
    /** Not yet through the pipeline (scan, policy, routing), and not deferred by it. */
    WAITING_FOR_PIPELINE,
    /**
     * Waiting for a retry: a pipeline stage deferred the mail (e.g. the virus scanner was
     * unreachable), or at least one recipient's delivery failed temporarily.
     */
    DEFERRED,
    /** Through the pipeline; at least one recipient is due for its first delivery attempt. */
    WAITING_FOR_DELIVERY,
    /** Every recipient is delivered or failed, but the sender's bounce (DSN) is not yet sent. */
    BOUNCE_PENDING,
    /** Held because of a virus; kept until an administrator releases or deletes it. */
    QUARANTINED,
    /** Nothing left to do; the record stays until the retention period purges it. */
    DONE
}
