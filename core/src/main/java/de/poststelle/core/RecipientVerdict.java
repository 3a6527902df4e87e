package de.poststelle.core;

/**
 * The answer to a {@code RCPT TO}: the reply for the client and, when it is positive, the address
 * the mail is queued for. That is the given one, or the one a De-Mail address is mapped to.
 */
public record RecipientVerdict(SmtpReply reply, MailAddress recipient) {

    private static final SmtpReply ACCEPTED = new SmtpReply(250, "2.1.5", "Recipient ok");

    public static RecipientVerdict accept(MailAddress recipient) {
        return new RecipientVerdict(ACCEPTED, recipient);
    }

    public static RecipientVerdict refuse(SmtpReply reply, MailAddress recipient) {
        if (reply.isPositive()) {
            throw new IllegalArgumentException("a refusal needs a negative reply: " + reply);
        }
        return new RecipientVerdict(reply, recipient);
    }

    public boolean accepted() {
        return reply.isPositive();
    }
}
