package de.poststelle.core.queue;

import de.poststelle.core.Envelope;
import de.poststelle.core.MessageSource;

import java.time.Instant;

/** A mail claimed for the pipeline. */
public record ProcessingJob(long messageId, String queueId, String owner, Envelope envelope, Instant receivedAt,
                            int attempts, MessageSource content) {
}
