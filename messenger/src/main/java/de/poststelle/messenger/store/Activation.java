package de.poststelle.messenger.store;

import java.time.Instant;

/** An open activation: the hash of its link token, the hash of its PIN, and how often a wrong PIN was tried. */
public record Activation(long id, long mailboxId, String pinHash, Instant expiresAt, int failedPins) {
}
