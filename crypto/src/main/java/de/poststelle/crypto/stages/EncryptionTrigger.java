package de.poststelle.crypto.stages;

import de.poststelle.core.MessageSource;
import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.crypto.smime.MessageHeaders;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sender's way to force encryption of one mail: a text in the Subject (e.g. {@code [secure]})
 * or a header field (e.g. {@code X-Poststelle-Encrypt: yes}). Both are removed before the mail
 * leaves, so the recipient never sees them.
 */
final class EncryptionTrigger {

    private final CryptoSettings settings;
    private final MessageHeaders headers;

    EncryptionTrigger(CryptoSettings settings, MessageHeaders headers) {
        this.settings = settings;
        this.headers = headers;
    }

    boolean fired() {
        return inSubject() || headerSaysYes();
    }

    /** {@code message} without the trigger field and the subject trigger; unchanged if it has neither. */
    MessageSource removedFrom(MessageSource message) {
        boolean field = !settings.headerTrigger().isEmpty() && headers.contains(settings.headerTrigger());
        if (!field && !inSubject()) {
            return message;
        }
        List<String> remove = field ? List.of(settings.headerTrigger()) : List.of();
        return headers.edit(message, remove, this::withoutTrigger);
    }

    private boolean inSubject() {
        String trigger = settings.subjectTrigger();
        return !trigger.isEmpty() && headers.value("Subject")
                .map(s -> s.toLowerCase(Locale.ROOT).contains(trigger.toLowerCase(Locale.ROOT))).orElse(false);
    }

    private boolean headerSaysYes() {
        return !settings.headerTrigger().isEmpty()
                && headers.value(settings.headerTrigger()).map(v -> v.equalsIgnoreCase("yes")).orElse(false);
    }

    private String withoutTrigger(String subject) {
        if (settings.subjectTrigger().isEmpty()) {
            return subject;
        }
        Matcher trigger = Pattern.compile("\\s*" + Pattern.quote(settings.subjectTrigger()) + "\\s*",
                Pattern.CASE_INSENSITIVE).matcher(subject);
        return trigger.replaceAll(" ").strip();
    }
}
