package de.poststelle.core.queue;

/** Recipients by state, for metrics and the health page. */
public record QueueCounts(long pendingMessages, long queued, long deferred, long bouncesDue) {

    public long active() {
        return pendingMessages + queued + deferred + bouncesDue;
    }
}
