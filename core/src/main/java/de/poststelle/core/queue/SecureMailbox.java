package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;

import java.io.IOException;

/**
 * A web mailbox that takes mail for recipients the gateway cannot encrypt to (the Messenger). The
 * outbound encryption stage hands such recipients over instead of holding them.
 */
public interface SecureMailbox {

    enum Outcome {
        /** In the recipient's mailbox (now or by an earlier run for the same mail). */
        STORED,
        /** The mailbox is full; keep the recipient pending and try again later. */
        KEEP_PENDING,
        /** The mailbox is full; the recipient fails and the sender gets a bounce. */
        REFUSED
    }

    /**
     * Stores {@code content} for {@code recipient}. Idempotent per queue id and recipient, so a run
     * repeated after a crash between storing and the queue's commit stores nothing twice.
     */
    Outcome deliver(String queueId, MailAddress sender, MailAddress recipient, MessageSource content) throws IOException;
}
