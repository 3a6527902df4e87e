package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;

import java.io.IOException;
import java.util.List;

/**
 * A web mailbox that takes mail for recipients the gateway cannot encrypt to (the Messenger). The
 * outbound encryption stage hands such recipients over instead of holding them.
 */
public interface SecureMailbox {

    /**
     * Header fields in which the clerk gives the recipient's mobile number for the PIN by SMS. The
     * secure mailbox reads them; mail that leaves the gateway otherwise goes without them.
     */
    List<String> MOBILE_FIELDS = List.of("X-Poststelle-Messenger-Mobil", "X-Poststelle-Messenger-Mobile");

    enum Outcome {
        /** In the recipient's mailbox (now or by an earlier run for the same mail). */
        STORED,
        /** The mailbox is full; keep the recipient pending and try again later. */
        KEEP_PENDING,
        /** The mailbox is full; the recipient fails and the sender gets a bounce. */
        REFUSED
    }

    /**
     * What became of a mail. With {@link Outcome#STORED} come the notices of that delivery (the
     * link to the recipient, the PIN to the sender): the caller queues them in the transaction that
     * records the recipient as delivered, so a crash in between loses none and sends none twice.
     */
    record Delivery(Outcome outcome, List<GeneratedMail> notices) {

        public Delivery {
            notices = List.copyOf(notices);
        }

        public static Delivery stored(List<GeneratedMail> notices) {
            return new Delivery(Outcome.STORED, notices);
        }

        public static Delivery notStored(Outcome outcome) {
            return new Delivery(outcome, List.of());
        }
    }

    /**
     * Stores {@code content} for {@code recipient}. Idempotent per queue id and recipient, so a run
     * repeated after a crash between storing and the queue's commit stores nothing twice; it
     * writes the notices again, since those of the earlier run were never queued.
     */
    Delivery deliver(String queueId, MailAddress sender, MailAddress recipient, MessageSource content) throws IOException;
}
