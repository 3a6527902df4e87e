package de.poststelle.core;

/** An SMTP reply with its enhanced status code (RFC 3463), e.g. {@code 550 5.7.1 Relaying denied}. */
public record SmtpReply(int code, String enhancedStatus, String text) {

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    @Override
    public String toString() {
        return code + " " + enhancedStatus + " " + text;
    }
}
