package de.poststelle.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An SMTP reply with its enhanced status code (RFC 3463), e.g. {@code 550 5.7.1 Relaying denied}. */
public record SmtpReply(int code, String enhancedStatus, String text) {

    private static final Pattern REPLY =
            Pattern.compile("([2-5]\\d\\d)[ -]?(?:([245]\\.\\d{1,3}\\.\\d{1,3})(?: |$))?(.*)", Pattern.DOTALL);

    /**
     * Reads a reply in the form {@link #toString()} writes, e.g. {@code 451 4.3.0 try later}; the
     * enhanced status may be missing ({@code 550 no such user}), then it is empty.
     */
    public static SmtpReply parse(String text) {
        Matcher m = REPLY.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an SMTP reply: " + text);
        }
        return new SmtpReply(Integer.parseInt(m.group(1)), m.group(2) == null ? "" : m.group(2), m.group(3));
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    @Override
    public String toString() {
        return code + (enhancedStatus.isEmpty() ? "" : " " + enhancedStatus) + " " + text;
    }
}
