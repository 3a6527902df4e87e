package de.poststelle.core.queue;

/**
 * An administrator's change was refused because a worker holds a lease on the mail right now
 * (it is in the pipeline, being delivered or bounced). Deleting it then would pull the content
 * from under a delivery in progress; the caller may try again once the work is done or the lease
 * of a dead node has run out.
 */
public class MessageInUseException extends IllegalStateException {

    public MessageInUseException(String message) {
        super(message);
    }
}
