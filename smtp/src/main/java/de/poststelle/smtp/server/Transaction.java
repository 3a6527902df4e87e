package de.poststelle.smtp.server;

import de.poststelle.core.MailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One mail transaction: from an accepted MAIL to the end of DATA, RSET or a new EHLO. */
final class Transaction {

    private final Optional<MailAddress> sender;
    private final List<MailAddress> recipients = new ArrayList<>();

    Transaction(Optional<MailAddress> sender) {
        this.sender = sender;
    }

    Optional<MailAddress> sender() {
        return sender;
    }

    List<MailAddress> recipients() {
        return recipients;
    }

    void addRecipient(MailAddress recipient) {
        recipients.add(recipient);
    }

    String senderText() {
        return sender.map(MailAddress::toString).orElse("");
    }
}
