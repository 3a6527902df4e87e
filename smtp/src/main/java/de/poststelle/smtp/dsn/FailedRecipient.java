package de.poststelle.smtp.dsn;

import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;
import java.time.Instant;

/**
 * A recipient a DSN reports on.
 *
 * @param reply       the reply that decided the last attempt, quoted in the DSN
 * @param remoteHost  the server that gave {@code reply}, or null if none was reached (e.g. DNS failure)
 * @param lastAttempt when delivery was last tried
 * @param action      whether we gave up ({@code FAILED}) or are still trying ({@code DELAYED})
 */
public record FailedRecipient(MailAddress recipient, SmtpReply reply, String remoteHost, Instant lastAttempt,
                              Action action) {

    /** The RFC 3464 2.3.3 actions a non-delivery or delay report uses. */
    public enum Action {
        FAILED, DELAYED;

        String fieldValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static FailedRecipient failed(MailAddress recipient, SmtpReply reply, String remoteHost,
                                         Instant lastAttempt) {
        return new FailedRecipient(recipient, reply, remoteHost, lastAttempt, Action.FAILED);
    }

    public static FailedRecipient delayed(MailAddress recipient, SmtpReply reply, String remoteHost,
                                          Instant lastAttempt) {
        return new FailedRecipient(recipient, reply, remoteHost, lastAttempt, Action.DELAYED);
    }

    /** The reply as the server sent it: code, enhanced status if any, text. */
    String replyText() {
        return reply.code() + (reply.enhancedStatus().isEmpty() ? "" : " " + reply.enhancedStatus())
                + " " + reply.text();
    }

    /** The RFC 3463 status; replies without one get the generic status of their class (e.g. 5.0.0). */
    String status() {
        return reply.enhancedStatus().isEmpty() ? (reply.code() / 100) + ".0.0" : reply.enhancedStatus();
    }
}
