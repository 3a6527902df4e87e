package de.poststelle.smtp.server;

import de.poststelle.core.MailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One mail transaction: from an accepted MAIL to the end of DATA, RSET or a new EHLO. */
final class Transaction {

    private final Optional<MailAddress> sender;
    private final List<MailAddress> recipients = new ArrayList<>();
    private final List<MailAddress> originalRecipients = new ArrayList<>();

    Transaction(Optional<MailAddress> sender) {
        this.sender = sender;
    }

    Optional<MailAddress> sender() {
        return sender;
    }

    List<MailAddress> recipients() {
        return recipients;
    }

    List<MailAddress> originalRecipients() {
        return originalRecipients;
    }

    /** {@code queuedAs} is where the mail goes, {@code named} what the client gave in RCPT TO. */
    void addRecipient(MailAddress queuedAs, MailAddress named) {
        recipients.add(queuedAs);
        originalRecipients.add(named);
    }

    String senderText() {
        return sender.map(MailAddress::toString).orElse("");
    }
}
