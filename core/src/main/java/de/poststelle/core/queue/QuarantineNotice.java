package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the people alerted about a quarantined mail are told; never any of the mail's content. */
public record QuarantineNotice(String queueId, Optional<MailAddress> sender, List<MailAddress> recipients,
                               String reason, Instant quarantinedAt, List<MailAddress> alertRecipients) {

    public QuarantineNotice {
        recipients = List.copyOf(recipients);
        alertRecipients = List.copyOf(alertRecipients);
        if (alertRecipients.isEmpty()) {
            throw new IllegalArgumentException("a quarantine notice needs someone to tell");
        }
    }
}
