package de.poststelle.core;

import java.util.List;
import java.util.Optional;

/**
 * The SMTP envelope of one accepted message. {@code sender} is empty for the null reverse-path
 * ({@code MAIL FROM:<>}), which bounces use and which must never be bounced to.
 */
public record Envelope(Optional<MailAddress> sender, List<MailAddress> recipients, ClientInfo client) {

    public Envelope {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        recipients = List.copyOf(recipients);
    }

    public String senderText() {
        return sender.map(MailAddress::toString).orElse("");
    }
}
