package de.poststelle.core.queue;

import java.time.Instant;
import java.util.Optional;

/** The new state of one recipient after a delivery attempt. */
public record RecipientUpdate(long recipientId, RecipientState state, Optional<Instant> nextAttempt, String reply,
                              String remoteHost, boolean bounceNeeded) {
}
