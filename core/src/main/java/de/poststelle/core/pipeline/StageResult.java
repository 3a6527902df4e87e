package de.poststelle.core.pipeline;

import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;

import java.util.List;

/** What a {@link Stage} decided about a mail as a whole. */
public sealed interface StageResult {

    StageResult CONTINUE = new Continue();

    /** Go on with the next stage. */
    record Continue() implements StageResult {
    }

    /** Try the whole pipeline again later, e.g. because a scanner is unreachable. */
    record Defer(String reason) implements StageResult {
    }

    /**
     * Do not deliver; every remaining recipient fails permanently and the sender gets a bounce
     * quoting {@code reply}.
     */
    record Reject(SmtpReply reply) implements StageResult {
    }

    /**
     * Do not deliver, and do not lose the mail either: it is kept in quarantine, where an
     * administrator can look at it, release it or delete it. Every remaining recipient fails with
     * {@code 554 5.7.0 <reason>}; the sender gets a bounce quoting it (headers only, never the
     * content) when {@code notifySender}, and each of {@code alertRecipients} gets a notice. Used for
     * mail found to carry malware; {@code reason} names the finding, e.g. the virus signature.
     */
    record Quarantine(String reason, boolean notifySender, List<MailAddress> alertRecipients) implements StageResult {

        public Quarantine {
            alertRecipients = List.copyOf(alertRecipients);
        }

        /** Tells the sender and nobody else. */
        public Quarantine(String reason) {
            this(reason, true, List.of());
        }
    }
}
