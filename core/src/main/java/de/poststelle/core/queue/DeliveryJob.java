package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Recipients of one mail, all for one domain, claimed for one delivery attempt. */
public record DeliveryJob(long messageId, String queueId, String owner, Optional<MailAddress> sender,
                          Instant receivedAt, String domain, List<QueuedRecipient> recipients,
                          MessageSource content) {

    public DeliveryJob {
        recipients = List.copyOf(recipients);
    }
}
