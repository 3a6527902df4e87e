package de.poststelle.core.notice;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two notices the recipient of a protected mail gets, whose wording each tenant may choose:
 * the first one with the activation link, and the one for a mailbox that is active already. The
 * placeholders are German words because the tenants' admins write the texts.
 */
public enum NoticeKind {
    ACTIVATION("activation", "absender", "betreff", "link", "gueltig_bis"),
    NEW_MESSAGE("new-message", "absender", "betreff", "link");

    /** The one placeholder a body cannot do without: the recipient needs the way into the mailbox. */
    public static final String LINK = "link";

    private final String key;
    private final List<String> placeholders;

    NoticeKind(String key, String... placeholders) {
        this.key = key;
        this.placeholders = List.of(placeholders);
    }

    /** The Messenger's name of the notice, also used in its message keys. */
    public String key() {
        return key;
    }

    /** Placeholder names in the order the Messenger passes their values. */
    public List<String> placeholders() {
        return placeholders;
    }

    public static Optional<NoticeKind> ofKey(String key) {
        return Arrays.stream(values()).filter(kind -> kind.key.equals(key)).findFirst();
    }

    /** Names the Messenger's positional arguments by {@link #placeholders()}. */
    public Map<String, Object> values(Object... arguments) {
        if (arguments.length != placeholders.size()) {
            throw new IllegalArgumentException("the " + key + " notice takes " + placeholders + ", got "
                    + arguments.length + " values");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < arguments.length; i++) {
            values.put(placeholders.get(i), arguments[i]);
        }
        return values;
    }
}
