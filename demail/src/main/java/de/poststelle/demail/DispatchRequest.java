package de.poststelle.demail;

import jakarta.mail.internet.InternetHeaders;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a clerk asks for dispatch options: a tag in brackets in the Subject, e.g.
 * {@code [persönlich] [Eingangsbestätigung] Bescheid}, and/or a request header listing them,
 * e.g. {@code X-Poststelle-De-Mail-Options: personal, receipt-confirmation} (for mail-sending
 * applications; the header takes the tags or, in plain ASCII, the option names). Both are removed
 * before the mail goes to the provider. Tags and names compare ignoring case.
 *
 * @param tags          the tag word of each option (brackets not included)
 * @param requestHeader the header field a sending application may list options in
 */
public record DispatchRequest(Map<DispatchOption, String> tags, String requestHeader) {

    public static final String DEFAULT_REQUEST_HEADER = "X-Poststelle-De-Mail-Options";

    public DispatchRequest {
        tags = Map.copyOf(tags);
    }

    /** The options chosen in {@code headers}, which are left without tags and request header. */
    public Set<DispatchOption> takeFrom(InternetHeaders headers) {
        Set<DispatchOption> chosen = EnumSet.noneOf(DispatchOption.class);
        String[] requested = headers.getHeader(requestHeader);
        if (requested != null) {
            for (String value : requested) {
                for (String word : value.split(",")) {
                    optionNamed(word).ifPresent(chosen::add);
                }
            }
            headers.removeHeader(requestHeader);
        }
        String subject = headers.getHeader("Subject", null);
        if (subject != null) {
            String decoded = EncodedWords.decode(subject);
            String remaining = decoded;
            for (Map.Entry<DispatchOption, String> tag : tags.entrySet()) {
                String withoutTag = remaining.replaceAll(
                        "(?iu)\\s*\\[\\s*" + Pattern.quote(tag.getValue()) + "\\s*]\\s*", " ");
                if (!withoutTag.equals(remaining)) {
                    chosen.add(tag.getKey());
                    remaining = withoutTag;
                }
            }
            // A subject without tags keeps its bytes, however its client wrote them.
            if (!remaining.equals(decoded)) {
                headers.setHeader("Subject", EncodedWords.encode(remaining.strip()));
            }
        }
        return chosen;
    }

    private Optional<DispatchOption> optionNamed(String word) {
        String wanted = word.strip().toLowerCase(Locale.ROOT);
        return tags.entrySet().stream()
                .filter(tag -> tag.getValue().toLowerCase(Locale.ROOT).equals(wanted)
                        || tag.getKey().asciiName().equals(wanted))
                .map(Map.Entry::getKey).findFirst();
    }
}
