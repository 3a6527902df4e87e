package de.poststelle.core.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one recipient of a mail stands, for an administrator. {@code nextAttempt} is set while
 * the recipient waits for (another) delivery attempt; {@code lastReply} and {@code remoteHost}
 * are what the last attempt got (or why the pipeline failed the recipient); {@code updatedAt} is
 * when the state last changed.
 */
public record RecipientStatus(String address, RecipientState state, int attempts, Optional<Instant> nextAttempt,
                              Optional<String> lastReply, Optional<String> remoteHost, Bounce bounce,
                              Instant updatedAt) {

    /** Whether the sender is told about this recipient's failure with a DSN. */
    public enum Bounce {
        /** No bounce: not failed, or the null sender (nobody to tell). */
        NONE,
        /** Failed; the bounce is still to be sent. */
        PENDING,
        /** Failed; the bounce was queued. */
        SENT
    }
}
