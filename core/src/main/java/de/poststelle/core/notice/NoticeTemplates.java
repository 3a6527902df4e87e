package de.poststelle.core.notice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A tenant's wording of the recipient notices: at most one {@link NoticeTemplate} per kind and
 * language; where there is none, the built-in text is used.
 */
public record NoticeTemplates(List<NoticeTemplate> templates) {

    /** A tenant that never chose its own wording. */
    public static final NoticeTemplates BUILT_IN = new NoticeTemplates(List.of());

    public NoticeTemplates {
        templates = templates.stream().filter(template -> !template.isBuiltIn()).toList();
        if (templates.stream().map(template -> template.kind() + "/" + template.language()).distinct().count()
                != templates.size()) {
            throw new IllegalArgumentException("at most one text per notice and language");
        }
    }

    public static NoticeTemplates of(Collection<NoticeTemplate> templates) {
        return new NoticeTemplates(List.copyOf(templates));
    }

    /** The tenant's text, or an empty one that stands for the built-in text. */
    public NoticeTemplate of(NoticeKind kind, NoticeLanguage language) {
        return templates.stream().filter(template -> template.kind() == kind && template.language() == language)
                .findFirst().orElseGet(() -> new NoticeTemplate(kind, language, "", ""));
    }

    /** One entry for every notice and language, in order, the empty ones included. */
    public List<NoticeTemplate> everyNotice() {
        List<NoticeTemplate> all = new ArrayList<>();
        for (NoticeKind kind : NoticeKind.values()) {
            for (NoticeLanguage language : NoticeLanguage.values()) {
                all.add(of(kind, language));
            }
        }
        return all;
    }

    /** The notice as the recipient gets it: German part, then English part. */
    public NoticeText render(NoticeKind kind, Map<String, Object> values) {
        return NoticeText.bilingual(of(kind, NoticeLanguage.DE).render(values), of(kind, NoticeLanguage.EN).render(values));
    }
}
