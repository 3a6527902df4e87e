package de.poststelle.core.notice;

import de.poststelle.core.notice.InvalidNoticeTemplate.Part;
import de.poststelle.core.notice.InvalidNoticeTemplate.Problem;

import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A tenant's wording of one notice in one language. An empty subject or body stands for the built-in
 * text. Placeholders such as {@code {link}} are replaced when the notice is sent; a text with an
 * unknown placeholder, a body without {@code {link}}, a subject with a line break or an overlong text
 * is refused ({@link InvalidNoticeTemplate}), since each would reach citizens broken.
 */
public record NoticeTemplate(NoticeKind kind, NoticeLanguage language, String subject, String body) {

    public static final int MAX_SUBJECT_LENGTH = 200;
    public static final int MAX_BODY_LENGTH = 5000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final String BUILT_IN_TEXTS = "de.poststelle.core.notice.notices";

    public NoticeTemplate {
        subject = subject == null ? "" : subject.strip();
        body = body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw invalid(kind, language, Part.SUBJECT, Problem.LINE_BREAK, "", "the subject must be one line");
        }
        check(kind, language, Part.SUBJECT, subject, MAX_SUBJECT_LENGTH);
        check(kind, language, Part.BODY, body, MAX_BODY_LENGTH);
        if (!body.isEmpty() && !placeholdersIn(body).contains(NoticeKind.LINK)) {
            throw invalid(kind, language, Part.BODY, Problem.LINK_MISSING, "{" + NoticeKind.LINK + "}",
                    "the body must contain {" + NoticeKind.LINK + "}, the recipient's way into the mailbox");
        }
    }

    /** The gateway's own wording, used where a tenant left a text empty. */
    public static NoticeTemplate builtIn(NoticeKind kind, NoticeLanguage language) {
        try {
            ResourceBundle texts = ResourceBundle.getBundle(BUILT_IN_TEXTS, language.locale(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return new NoticeTemplate(kind, language, texts.getString(kind.key() + ".subject"),
                    texts.getString(kind.key() + ".body"));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no built-in " + language + " text for the " + kind.key() + " notice", e);
        }
    }

    /** True if both subject and body are the built-in ones. */
    public boolean isBuiltIn() {
        return subject.isEmpty() && body.isEmpty();
    }

    /** The notice with the values filled in; an empty subject or body is taken from the built-in text. */
    public NoticeText render(Map<String, Object> values) {
        NoticeTemplate builtIn = subject.isEmpty() || body.isEmpty() ? builtIn(kind, language) : this;
        return new NoticeText(fill(subject.isEmpty() ? builtIn.subject : subject, values),
                fill(body.isEmpty() ? builtIn.body : body, values));
    }

    private String fill(String text, Map<String, Object> values) {
        return PLACEHOLDER.matcher(text).replaceAll(placeholder ->
                Matcher.quoteReplacement(language.format(values.getOrDefault(placeholder.group(1), ""))));
    }

    private static void check(NoticeKind kind, NoticeLanguage language, Part part, String text, int maxLength) {
        if (text.length() > maxLength) {
            throw invalid(kind, language, part, Problem.TOO_LONG, String.valueOf(maxLength),
                    "at most " + maxLength + " characters");
        }
        for (String name : placeholdersIn(text)) {
            if (!kind.placeholders().contains(name)) {
                String allowed = kind.placeholders().stream().map(known -> "{" + known + "}").collect(Collectors.joining(", "));
                throw invalid(kind, language, part, Problem.UNKNOWN_PLACEHOLDER, "{" + name + "}",
                        "unknown placeholder {" + name + "}; allowed: " + allowed);
            }
        }
    }

    private static List<String> placeholdersIn(String text) {
        return PLACEHOLDER.matcher(text).results().map(match -> match.group(1)).toList();
    }

    private static InvalidNoticeTemplate invalid(NoticeKind kind, NoticeLanguage language, Part part, Problem problem,
                                                 String detail, String explanation) {
        return new InvalidNoticeTemplate(kind, language, part, problem, detail, explanation);
    }
}
