package de.poststelle.core.queue;

import java.time.Duration;

/** What the queue reports for metrics; implemented at the edge (e.g. with Micrometer). */
public interface QueueEvents {

    void accepted(long octets);

    void delivered(Duration timeInQueue);

    void deferred();

    void failed();

    void bounced();
}
