package de.poststelle.core.notice;

/**
 * A notice text the gateway refuses, with where the fault is ({@link #kind()}, {@link #language()},
 * {@link #part()}) and what it is, so a form can show it next to the field in the reader's language.
 */
public final class InvalidNoticeTemplate extends IllegalArgumentException {

    public enum Part { SUBJECT, BODY }

    public enum Problem { UNKNOWN_PLACEHOLDER, LINK_MISSING, TOO_LONG, LINE_BREAK }

    private final NoticeKind kind;
    private final NoticeLanguage language;
    private final Part part;
    private final Problem problem;
    private final String detail;

    InvalidNoticeTemplate(NoticeKind kind, NoticeLanguage language, Part part, Problem problem, String detail,
                          String explanation) {
        super(kind.key() + " notice, " + language + " " + part.name().toLowerCase() + ": " + explanation);
        this.kind = kind;
        this.language = language;
        this.part = part;
        this.problem = problem;
        this.detail = detail;
    }

    public NoticeKind kind() {
        return kind;
    }

    public NoticeLanguage language() {
        return language;
    }

    public Part part() {
        return part;
    }

    public Problem problem() {
        return problem;
    }

    /** The offending placeholder, the length limit or the allowed placeholders, depending on the problem. */
    public String detail() {
        return detail;
    }
}
