package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;

/** One recipient of a queued mail, as the delivery side sees it. */
public record QueuedRecipient(long id, MailAddress address, int attempts) {
}
