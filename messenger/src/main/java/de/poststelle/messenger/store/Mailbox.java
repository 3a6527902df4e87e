package de.poststelle.messenger.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A recipient's Messenger mailbox. {@code NEW} until the recipient set a password with link and PIN.
 * {@code deletionDueAt} is the date the last deletion warning announced, empty while none is pending.
 */
public record Mailbox(long id, String address, State state, Optional<String> passwordHash, Instant createdAt,
                      Instant lastActivityAt, int warningsSent, Optional<Instant> deletionDueAt, int failedLogins,
                      Optional<Instant> loginLockedUntil) {

    public enum State { NEW, ACTIVE }

    public boolean active() {
        return state == State.ACTIVE;
    }
}
