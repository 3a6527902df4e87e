package de.poststelle.messenger.store;

import java.time.Instant;
import java.util.Optional;

/** A recipient's Messenger mailbox. {@code NEW} until the recipient set a password with link and PIN. */
public record Mailbox(long id, String address, State state, Optional<String> passwordHash, Instant createdAt,
                      Instant lastActivityAt, int warningsSent, int failedLogins, Optional<Instant> loginLockedUntil) {

    public enum State { NEW, ACTIVE }

    public boolean active() {
        return state == State.ACTIVE;
    }
}
