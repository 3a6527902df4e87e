package de.poststelle.core;

/**
 * What happened to one recipient in one delivery attempt. {@code remoteHost} is empty when no
 * server was reached (DNS failure, connection refused).
 */
public record RecipientOutcome(MailAddress recipient, Kind kind, SmtpReply reply, String remoteHost) {

    public enum Kind { DELIVERED, TEMPORARY_FAILURE, PERMANENT_FAILURE }

    public RecipientOutcome {
        remoteHost = remoteHost == null ? "" : remoteHost;
    }

    public static RecipientOutcome delivered(MailAddress recipient, SmtpReply reply, String remoteHost) {
        return new RecipientOutcome(recipient, Kind.DELIVERED, reply, remoteHost);
    }

    public static RecipientOutcome temporary(MailAddress recipient, SmtpReply reply, String remoteHost) {
        return new RecipientOutcome(recipient, Kind.TEMPORARY_FAILURE, reply, remoteHost);
    }

    public static RecipientOutcome permanent(MailAddress recipient, SmtpReply reply, String remoteHost) {
        return new RecipientOutcome(recipient, Kind.PERMANENT_FAILURE, reply, remoteHost);
    }
}
