package de.poststelle.messenger.service;

import de.poststelle.core.MailAddress;
import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.store.Folder;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessageRepository;
import de.poststelle.messenger.store.StorageCipher;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Puts a protected mail into the recipient's mailbox (creating the mailbox if there is none) and
 * tells the people involved. A mailbox not yet activated gets a fresh link and PIN with every mail:
 * the link goes to the recipient, the PIN to the sending clerk, who passes it on by phone. A mail
 * that would exceed the quota is not stored; the caller keeps it pending or bounces it.
 */
public final class MailboxDelivery {

    public sealed interface Result {
    }

    public record Stored(long messageId) implements Result {
    }

    public record OverQuota(long used, long quota) implements Result {
    }

    private record Delivered(Result result, Mailbox mailbox, Optional<Activations.Grant> grant, boolean fresh) {
    }

    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final StorageCipher cipher;
    private final Activations activations;
    private final Notices notices;
    private final TransactionTemplate transactions;
    private final MessengerProperties properties;
    private final Clock clock;

    public MailboxDelivery(MailboxRepository mailboxes, MessageRepository messages, StorageCipher cipher,
                           Activations activations, Notices notices, TransactionTemplate transactions,
                           MessengerProperties properties, Clock clock) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.cipher = cipher;
        this.activations = activations;
        this.notices = notices;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    public Result deliver(MailAddress recipient, MailAddress internalSender, byte[] content) {
        return deliver(recipient, internalSender, content, null);
    }

    /**
     * With a {@code deliveryKey} (the queue id and recipient), a mail stored before under the same
     * key is not stored or announced again: a delivery repeated after a crash changes nothing.
     */
    public Result deliver(MailAddress recipient, MailAddress internalSender, byte[] content, String deliveryKey) {
        String subject = ReadableMessage.subjectOf(content);
        Delivered delivered = transactions.execute(status -> {
            mailboxes.findOrCreate(recipient.toString(), clock.instant());
            Mailbox mailbox = mailboxes.lock(recipient.toString()).orElseThrow();
            Optional<Long> earlier = deliveryKey == null ? Optional.empty() : messages.findByDeliveryKey(deliveryKey);
            if (earlier.isPresent()) {
                return new Delivered(new Stored(earlier.get()), mailbox, Optional.empty(), false);
            }
            long used = messages.usage(mailbox.id());
            if (used + content.length > properties.quota().toBytes()) {
                return new Delivered(new OverQuota(used, properties.quota().toBytes()), mailbox, Optional.empty(), false);
            }
            long id = messages.store(mailbox.id(), Folder.INBOX, internalSender.toString(),
                    cipher.encrypt(mailbox.id(), subject.getBytes(StandardCharsets.UTF_8)),
                    cipher.encrypt(mailbox.id(), content), content.length, clock.instant(), deliveryKey);
            return new Delivered(new Stored(id), mailbox,
                    mailbox.active() ? Optional.empty() : Optional.of(activations.issue(mailbox)), true);
        });
        if (delivered.fresh()) {
            notify(delivered.mailbox(), internalSender, subject, delivered.grant());
        }
        return delivered.result();
    }

    private void notify(Mailbox mailbox, MailAddress internalSender, String subject, Optional<Activations.Grant> grant) {
        String shownSubject = properties.showSenderSubject() ? subject : "-";
        if (grant.isPresent()) {
            notices.send(mailbox.address(), "activation", internalSender.toString(), shownSubject,
                    properties.link("/messenger/activate/" + grant.get().token()));
            notices.send(internalSender.toString(), "pin-for-sender", mailbox.address(), grant.get().pin(), subject);
        } else {
            notices.send(mailbox.address(), "new-message", internalSender.toString(), shownSubject,
                    properties.link("/messenger/login"));
        }
    }
}
