package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;

import java.time.Instant;
import java.util.List;

/** Failed recipients of one mail whose sender is to be told. */
public record BounceJob(long messageId, String queueId, String owner, MailAddress sender, Instant receivedAt,
                        List<FailedRecipient> recipients, MessageSource originalContent) {

    public BounceJob {
        recipients = List.copyOf(recipients);
    }
}
