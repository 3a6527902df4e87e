package de.poststelle.messenger.service;

import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.GeneratedMail;
import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.pin.MobileField;
import de.poststelle.messenger.pin.PinChannel;
import de.poststelle.messenger.store.Folder;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessageRepository;
import de.poststelle.messenger.store.StorageCipher;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a protected mail into the recipient's mailbox (creating the mailbox if there is none) and
 * writes the notices for the people involved. A mailbox not yet activated gets a fresh link and
 * PIN with every mail: the link goes to the recipient, the PIN through the {@link PinChannel} (to
 * the sending clerk, who passes it on by phone, or by SMS). The clerk's mobile number field is taken
 * out of the mail before it is stored. A mail that would exceed the quota is not stored; the caller
 * keeps it pending or bounces it.
 */
public final class MailboxDelivery {

    public sealed interface Result {
    }

    /** Stored; the {@code notices} announce it and are the caller's to queue. */
    public record Stored(long messageId, List<GeneratedMail> notices) implements Result {

        public Stored {
            notices = List.copyOf(notices);
        }
    }

    public record OverQuota(long used, long quota) implements Result {
    }

    private record Delivered(Result result, Mailbox mailbox, Optional<Activations.Grant> grant) {
    }

    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final StorageCipher cipher;
    private final Activations activations;
    private final Notices notices;
    private final PinChannel pins;
    private final TransactionTemplate transactions;
    private final MessengerProperties properties;
    private final Clock clock;

    public MailboxDelivery(MailboxRepository mailboxes, MessageRepository messages, StorageCipher cipher,
                           Activations activations, Notices notices, PinChannel pins, TransactionTemplate transactions,
                           MessengerProperties properties, Clock clock) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.cipher = cipher;
        this.activations = activations;
        this.notices = notices;
        this.pins = pins;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores a mail that does not come through the queue, and queues its notices at once. */
    public Result deliver(MailAddress recipient, MailAddress internalSender, byte[] content) {
        Result result = deliver(recipient, internalSender, content, null);
        if (result instanceof Stored stored) {
            stored.notices().forEach(notices::enqueue);
        }
        return result;
    }

    /**
     * Stores the mail and writes its notices without queueing them. With a {@code deliveryKey}
     * (the queue id and recipient), a mail stored before under the same key is not stored again,
     * but its notices are written again: the caller queues them only together with its own record
     * of the delivery, so those of an earlier run never went out. For a mailbox not yet activated
     * that means a further link and PIN (see {@link Activations#issueForRepeatedDelivery}); a PIN
     * that goes by SMS goes again with it, since the earlier run's belongs to a link never sent.
     */
    public Result deliver(MailAddress recipient, MailAddress internalSender, byte[] mail, String deliveryKey) {
        MobileField.Taken taken = MobileField.takeFrom(mail);
        byte[] content = taken.mail();
        String subject = ReadableMessage.subjectOf(content);
        Delivered delivered = transactions.execute(status -> {
            mailboxes.findOrCreate(recipient.toString(), clock.instant());
            Mailbox mailbox = mailboxes.lock(recipient.toString()).orElseThrow();
            Optional<Long> earlier = deliveryKey == null ? Optional.empty() : messages.findByDeliveryKey(deliveryKey);
            long id;
            if (earlier.isPresent()) {
                id = earlier.get();
            } else {
                long used = messages.usage(mailbox.id());
                if (used + content.length > properties.quota().toBytes()) {
                    return new Delivered(new OverQuota(used, properties.quota().toBytes()), mailbox, Optional.empty());
                }
                id = messages.store(mailbox.id(), Folder.INBOX, internalSender.toString(),
                        cipher.encrypt(mailbox.id(), subject.getBytes(StandardCharsets.UTF_8)),
                        cipher.encrypt(mailbox.id(), content), content.length, clock.instant(), deliveryKey);
            }
            if (mailbox.active()) {
                return new Delivered(new Stored(id, List.of()), mailbox, Optional.empty());
            }
            return new Delivered(new Stored(id, List.of()), mailbox, Optional.of(earlier.isPresent()
                    ? activations.issueForRepeatedDelivery(mailbox) : activations.issue(mailbox)));
        });
        return switch (delivered.result()) {
            case Stored stored ->
                    new Stored(stored.messageId(), notify(delivered.mailbox(), internalSender, subject, delivered.grant(),
                            taken.mobile()));
            case OverQuota full -> full;
        };
    }

    private List<GeneratedMail> notify(Mailbox mailbox, MailAddress internalSender, String subject,
                                       Optional<Activations.Grant> grant, Optional<String> mobile) {
        String shownSubject = properties.showSenderSubject() ? subject : "-";
        if (grant.isPresent()) {
            List<GeneratedMail> mails = new ArrayList<>();
            mails.add(notices.compose(mailbox.address(), "activation", internalSender.toString(), shownSubject,
                    properties.link("/messenger/activate/" + grant.get().token()), grant.get().expires()));
            pins.send(grant.get().pin(), mailbox.address(), internalSender, subject, mobile).ifPresent(pin ->
                    mails.add(notices.compose(internalSender.toString(), pin.kind(), pin.arguments().toArray())));
            return mails;
        }
        return List.of(notices.compose(mailbox.address(), "new-message", internalSender.toString(), shownSubject,
                properties.link("/messenger/login")));
    }
}
