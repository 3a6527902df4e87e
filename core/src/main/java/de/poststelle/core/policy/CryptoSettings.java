package de.poststelle.core.policy;

import java.util.Locale;

/**
 * A tenant's settings around the policy rules: the triggers with which a sender forces encryption
 * of one mail, and how decrypted and signed incoming mail is marked for the internal recipient.
 *
 * @param subjectTrigger text in the Subject that forces encryption, e.g. {@code [secure]}; removed
 *     before sending; empty for none
 * @param headerTrigger a header field name, e.g. {@code X-Poststelle-Encrypt}, whose value
 *     {@code yes} forces encryption; always removed; empty for none
 * @param signatureHeader whether incoming mail gets {@code X-Poststelle-Signature} and
 *     {@code X-Poststelle-Encryption} header fields
 * @param subjectTag whether the Subject of incoming mail with a valid, trusted signature gets
 *     {@code subjectTagText} in front
 */
public record CryptoSettings(String subjectTrigger, String headerTrigger, boolean signatureHeader,
                             boolean subjectTag, String subjectTagText) {

    public static final CryptoSettings DEFAULTS =
            new CryptoSettings("[secure]", "X-Poststelle-Encrypt", true, false, "[signiert]");

    public CryptoSettings {
        subjectTrigger = subjectTrigger.strip();
        headerTrigger = headerTrigger.strip();
        subjectTagText = subjectTagText.strip();
        if (!headerTrigger.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("not a header field name: " + headerTrigger);
        }
        if (subjectTag && subjectTagText.isEmpty()) {
            throw new IllegalArgumentException("a subject tag needs its text");
        }
        if (headerTrigger.toLowerCase(Locale.ROOT).startsWith("content-")) {
            throw new IllegalArgumentException("a Content-* field cannot be the trigger: " + headerTrigger);
        }
    }
}
