package de.poststelle.core.queue;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tells senders about recipients that failed: one DSN per mail, queued with the null sender so it
 * can never bounce back, in the same transaction that marks the recipients as bounced.
 */
public final class BounceRunner {

    private static final Logger log = LoggerFactory.getLogger(BounceRunner.class);

    private final MailQueue queue;
    private final BounceComposer composer;
    private final String hostname;
    private final Clock clock;
    private final QueueEvents events;
    private final WorkSignal pipelineSignal;

    public BounceRunner(MailQueue queue, BounceComposer composer, String hostname, Clock clock, QueueEvents events,
                        WorkSignal pipelineSignal) {
        this.queue = queue;
        this.composer = composer;
        this.hostname = hostname;
        this.clock = clock;
        this.events = events;
        this.pipelineSignal = pipelineSignal;
    }

    public void bounce(BounceJob job) {
        Instant now = clock.instant();
        try {
            MessageSource dsn = composer.compose(job);
            ClientInfo local = ClientInfo.local(hostname, now);
            queue.completeBounce(job, new Envelope(Optional.empty(), List.of(job.sender()), local), dsn, now);
            events.bounced();
            pipelineSignal.wake();
        } catch (IOException e) {
            log.error("queueId={} cannot write the non-delivery notification", job.queueId(), e);
            throw new UncheckedIOException(e);
        }
    }
}
