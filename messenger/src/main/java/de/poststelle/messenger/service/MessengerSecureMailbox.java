package de.poststelle.messenger.service;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.queue.SecureMailbox;
import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.store.MessengerAuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;

/**
 * The Messenger as the gateway's {@link SecureMailbox}. A mail beyond the quota is kept pending
 * or refused as configured; its sender hears of it once, not at every retry. An authority writing
 * to a mailbox gets the keys its owner uploaded, so its next mail needs no Messenger.
 */
public final class MessengerSecureMailbox implements SecureMailbox {

    private static final Logger log = LoggerFactory.getLogger(MessengerSecureMailbox.class);

    private final MailboxDelivery delivery;
    private final OwnKeys ownKeys;
    private final Notices notices;
    private final MessengerAuditLog audit;
    private final MessengerProperties properties;

    public MessengerSecureMailbox(MailboxDelivery delivery, OwnKeys ownKeys, Notices notices, MessengerAuditLog audit,
                                  MessengerProperties properties) {
        this.delivery = delivery;
        this.ownKeys = ownKeys;
        this.notices = notices;
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    public Delivery deliver(String queueId, MailAddress sender, MailAddress recipient, MessageSource content)
            throws IOException {
        byte[] mail;
        try (InputStream in = content.open()) {
            mail = in.readAllBytes();
        }
        if (delivery.deliver(recipient, sender, mail, queueId + ":" + recipient) instanceof MailboxDelivery.Stored stored) {
            shareUploadedKeys(sender, recipient);
            return Delivery.stored(stored.notices());
        }
        boolean bounce = properties.overQuota() == MessengerProperties.OverQuota.BOUNCE;
        String detail = "queue id " + queueId;
        if (!bounce && !audit.has(recipient.toString(), "over-quota", detail)) {
            // Queued before the audit entry that stops repeats: a crash in between repeats the notice rather than losing it.
            notices.send(sender.toString(), "mailbox-full", recipient.toString(), ReadableMessage.subjectOf(mail));
            audit.record(recipient.toString(), "over-quota", detail, "");
        }
        return Delivery.notStored(bounce ? Outcome.REFUSED : Outcome.KEEP_PENDING);
    }

    /** The mail is in the mailbox whatever happens here: a key not shared only means the next mail comes here too. */
    private void shareUploadedKeys(MailAddress sender, MailAddress recipient) {
        try {
            ownKeys.shareWithAuthorityOf(sender, recipient.toString());
        } catch (RuntimeException e) {
            log.warn("could not share the keys {} uploaded with the authority of {}: {}", recipient, sender, e.toString());
        }
    }
}
