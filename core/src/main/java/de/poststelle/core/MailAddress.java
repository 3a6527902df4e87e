package de.poststelle.core;

import java.util.Locale;

/**
 * An RFC 5321 mailbox ({@code local@domain}). The domain is kept lower-case because routing and
 * policy lookups compare domains case-insensitively; the local part is kept as given (RFC 5321 2.4).
 */
public record MailAddress(String localPart, String domain) {

    /** Longest path RFC 5321 4.5.3.1.3 allows, without the angle brackets. */
    private static final int MAX_LENGTH = 254;

    public MailAddress {
        if (localPart.isEmpty() || localPart.length() > 64) {
            throw new IllegalArgumentException("local part must have 1 to 64 characters");
        }
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code local@domain}; throws {@link IllegalArgumentException} with a reason a client may see. */
    public static MailAddress parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("address missing or longer than " + MAX_LENGTH + " characters");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("address must have the form local@domain");
        }
        String domain = text.substring(at + 1);
        if (!domain.matches("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
                && !domain.matches("\\[[0-9a-fA-F:.]+]")) {
            throw new IllegalArgumentException("invalid domain: " + domain);
        }
        String local = text.substring(0, at);
        for (char c : local.toCharArray()) {
            if (c <= ' ' || c == 127 || c == '<' || c == '>') {
                throw new IllegalArgumentException("invalid character in local part");
            }
        }
        return new MailAddress(local, domain);
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
