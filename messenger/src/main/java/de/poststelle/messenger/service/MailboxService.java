package de.poststelle.messenger.service;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.store.Folder;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessageRepository;
import de.poststelle.messenger.store.MessengerAuditLog;
import de.poststelle.messenger.store.StorageCipher;
import de.poststelle.messenger.store.StoredMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** What a logged-in recipient does with the mailbox: list, read, download, move, delete, write to the authority. */
public final class MailboxService {

    public record Row(long id, String counterpart, String subject, long size, Instant storedAt, boolean seen) {
    }

    public record Usage(long used, long quota) {
        public int percent() {
            return (int) Math.min(100, used * 100 / Math.max(1, quota));
        }
    }

    public record Opened(long id, Folder folder, String counterpart, ReadableMessage message) {
    }

    public enum SendOutcome { SENT, NOT_A_CORRESPONDENT, OVER_QUOTA }

    private final MailboxRepository mailboxes;
    private final MessageRepository messages;
    private final StorageCipher cipher;
    private final MailQueue queue;
    private final MessengerAuditLog audit;
    private final TransactionTemplate transactions;
    private final MessengerProperties properties;
    private final String hostname;
    private final Clock clock;

    public MailboxService(MailboxRepository mailboxes, MessageRepository messages, StorageCipher cipher, MailQueue queue,
                          MessengerAuditLog audit, TransactionTemplate transactions, MessengerProperties properties,
                          String hostname, Clock clock) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.cipher = cipher;
        this.queue = queue;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.hostname = hostname;
        this.clock = clock;
    }

    public List<Row> folder(String address, Folder folder) {
        Mailbox mailbox = mailbox(address);
        return messages.list(mailbox.id(), folder).stream()
                .map(stored -> new Row(stored.id(), stored.counterpart(), subject(stored), stored.size(),
                        stored.storedAt(), stored.seen()))
                .toList();
    }

    public Usage usage(String address) {
        return new Usage(messages.usage(mailbox(address).id()), properties.quota().toBytes());
    }

    public Optional<Opened> open(String address, long id) {
        Mailbox mailbox = mailbox(address);
        return messages.find(mailbox.id(), id).map(stored -> {
            messages.markSeen(mailbox.id(), id);
            return new Opened(id, stored.folder(), stored.counterpart(), ReadableMessage.parse(content(mailbox, id)));
        });
    }

    public Optional<ReadableMessage.DownloadedAttachment> attachment(String address, long id, int index) {
        Mailbox mailbox = mailbox(address);
        return messages.find(mailbox.id(), id).flatMap(stored -> ReadableMessage.attachment(content(mailbox, id), index));
    }

    public boolean moveToTrash(String address, long id) {
        return messages.move(mailbox(address).id(), id, Folder.TRASH);
    }

    /** Deletes for good; audited, since nothing brings the mail back. */
    public boolean delete(String address, long id, String remote) {
        boolean deleted = messages.delete(mailbox(address).id(), id);
        if (deleted) {
            audit.record(MailboxRepository.normalise(address), "message-deleted", "message " + id, remote);
        }
        return deleted;
    }

    /** The authorities this mailbox may write to: those that wrote to it. */
    public List<String> correspondents(String address) {
        return messages.correspondents(mailbox(address).id());
    }

    /**
     * Sends a mail from the recipient to an authority that wrote to the mailbox: queued durably in
     * the gateway like any inbound mail, a copy kept in SENT (which counts against the quota).
     */
    public SendOutcome send(String address, String to, String subject, String text) {
        Mailbox mailbox = mailbox(address);
        if (!correspondents(address).contains(to)) {
            return SendOutcome.NOT_A_CORRESPONDENT;
        }
        byte[] content = compose(mailbox.address(), to, subject, text);
        return transactions.execute(status -> {
            Mailbox locked = mailboxes.lock(mailbox.address()).orElseThrow();
            if (messages.usage(locked.id()) + content.length > properties.quota().toBytes()) {
                return SendOutcome.OVER_QUOTA;
            }
            enqueue(mailbox.address(), to, content);
            messages.store(locked.id(), Folder.SENT, to, cipher.encrypt(locked.id(), subject.getBytes(StandardCharsets.UTF_8)),
                    cipher.encrypt(locked.id(), content), content.length, clock.instant(), null);
            return SendOutcome.SENT;
        });
    }

    private void enqueue(String from, String to, byte[] content) {
        try {
            queue.enqueue(new Envelope(Optional.of(MailAddress.parse(from)), List.of(MailAddress.parse(to)),
                    ClientInfo.local(hostname, clock.instant())), new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] compose(String from, String to, String subject, String text) {
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
            mail.setFrom(new InternetAddress(from));
            mail.setRecipients(MimeMessage.RecipientType.TO, to);
            mail.setSubject(subject, "UTF-8");
            mail.setText(text, "UTF-8");
            mail.setSentDate(Date.from(clock.instant()));
            mail.setHeader("X-Poststelle-Messenger", "reply");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot write this mail: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] content(Mailbox mailbox, long id) {
        return cipher.decrypt(mailbox.id(), messages.content(mailbox.id(), id).orElseThrow());
    }

    private String subject(StoredMessage stored) {
        return new String(cipher.decrypt(stored.mailboxId(), stored.subject()), StandardCharsets.UTF_8);
    }

    private Mailbox mailbox(String address) {
        return mailboxes.find(address).orElseThrow(() -> new IllegalStateException("no mailbox " + address));
    }
}
