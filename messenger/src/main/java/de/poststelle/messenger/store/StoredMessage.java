package de.poststelle.messenger.store;

import java.time.Instant;

/**
 * A message as stored: subject and content still encrypted. {@code counterpart} is the authority's
 * address, the sender of an incoming mail or the recipient of a sent one.
 */
public record StoredMessage(long id, long mailboxId, Folder folder, String counterpart, byte[] subject,
                            long size, Instant storedAt, boolean seen) {
}
