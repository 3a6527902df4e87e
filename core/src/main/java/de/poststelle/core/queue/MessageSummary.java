package de.poststelle.core.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * One line of the administrator's queue list. {@code sender} is {@code ""} for the null sender.
 * {@code nextAttempt} is the earliest time anything more happens to the mail (pipeline or a
 * recipient's delivery), empty when nothing is scheduled. {@code lastError} is the pipeline's last
 * reason or, once routed, the reply of the recipient that failed or was deferred most recently.
 */
public record MessageSummary(String queueId, Instant receivedAt, String sender, int recipientCount, long size,
                             QueueState state, Optional<Instant> nextAttempt, Optional<String> lastError) {
}
