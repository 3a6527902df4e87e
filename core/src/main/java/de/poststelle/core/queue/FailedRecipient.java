package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;

import java.time.Instant;
import java.util.Optional;

/**
 * A recipient that could not be delivered, with what a bounce should say about it.
 * {@code rewrittenFrom} is the De-Mail address the sender used, if the gateway rewrote it to {@code address}.
 */
public record FailedRecipient(long id, MailAddress address, String reply, String remoteHost, Instant failedAt,
                              Optional<MailAddress> rewrittenFrom) {

    public FailedRecipient(long id, MailAddress address, String reply, String remoteHost, Instant failedAt) {
        this(id, address, reply, remoteHost, failedAt, Optional.empty());
    }
}
