package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;

import java.time.Instant;

/** A recipient that could not be delivered, with what a bounce should say about it. */
public record FailedRecipient(long id, MailAddress address, String reply, String remoteHost, Instant failedAt) {
}
