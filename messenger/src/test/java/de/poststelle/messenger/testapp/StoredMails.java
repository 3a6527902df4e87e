package de.poststelle.messenger.testapp;

import de.poststelle.messenger.store.Folder;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessageRepository;
import de.poststelle.messenger.store.StorageCipher;
import org.springframework.context.ApplicationContext;

import java.nio.charset.StandardCharsets;

/** The mails in a Messenger mailbox as they are stored, decrypted: what the gateway kept of them. */
public final class StoredMails {

    private StoredMails() {
    }

    /** The first mail in {@code address}'s inbox, raw (header and body). */
    public static String firstInInbox(ApplicationContext context, String address) {
        MailboxRepository mailboxes = context.getBean(MailboxRepository.class);
        MessageRepository messages = context.getBean(MessageRepository.class);
        long mailbox = mailboxes.find(address).orElseThrow().id();
        long id = messages.list(mailbox, Folder.INBOX).getFirst().id();
        byte[] stored = messages.content(mailbox, id).orElseThrow();
        return new String(context.getBean(StorageCipher.class).decrypt(mailbox, stored), StandardCharsets.UTF_8);
    }
}
