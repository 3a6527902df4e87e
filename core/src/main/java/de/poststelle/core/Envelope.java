package de.poststelle.core;

import java.util.List;
import java.util.Optional;

/**
 * The SMTP envelope of one accepted message. {@code sender} is empty for the null reverse-path
 * ({@code MAIL FROM:<>}), which bounces use and which must never be bounced to.
 * {@code originalRecipients.get(i)} is the address the client named for {@code recipients.get(i)};
 * the two differ where the gateway rewrote a De-Mail address to the internal mailbox it stands for.
 */
public record Envelope(Optional<MailAddress> sender, List<MailAddress> recipients, ClientInfo client,
                       List<MailAddress> originalRecipients) {

    public Envelope {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        if (originalRecipients.size() != recipients.size()) {
            throw new IllegalArgumentException("one original address per recipient needed");
        }
        recipients = List.copyOf(recipients);
        originalRecipients = List.copyOf(originalRecipients);
    }

    /** An envelope whose recipients are as the client named them. */
    public Envelope(Optional<MailAddress> sender, List<MailAddress> recipients, ClientInfo client) {
        this(sender, recipients, client, recipients);
    }

    /** The original address of recipient {@code index} if it was rewritten, else empty. */
    public Optional<MailAddress> rewrittenFrom(int index) {
        MailAddress original = originalRecipients.get(index);
        return original.equals(recipients.get(index)) ? Optional.empty() : Optional.of(original);
    }

    public String senderText() {
        return sender.map(MailAddress::toString).orElse("");
    }
}
