package de.poststelle.core.queue;

/** Where a recipient stands; DELIVERED and FAILED are final. */
public enum RecipientState {
    /** Waiting for the pipeline to finish with its mail. */
    PENDING,
    /** Due for its first delivery attempt. */
    QUEUED,
    /** A delivery attempt failed temporarily; the next one is scheduled. */
    DEFERRED,
    DELIVERED,
    FAILED
}
