package de.poststelle.admin.api;

import de.poststelle.core.notice.NoticeKind;
import de.poststelle.core.notice.NoticeLanguage;
import de.poststelle.core.notice.NoticeTemplate;
import de.poststelle.core.notice.NoticeTemplates;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * A tenant's wording of the notices to Messenger recipients: one entry per notice ({@code ACTIVATION},
 * {@code NEW_MESSAGE}) and language ({@code DE}, {@code EN}). An empty or missing subject or body means
 * the built-in text. Placeholders: {@code {absender}}, {@code {betreff}}, {@code {link}} (required in
 * a body), and {@code {gueltig_bis}} in the activation notice only.
 */
public record MessengerNoticesDto(@NotNull List<@Valid @NotNull Text> texts) {

    public record Text(@NotNull NoticeKind kind, @NotNull NoticeLanguage language, String subject, String body) {
    }

    NoticeTemplates toTemplates() {
        return NoticeTemplates.of(texts.stream()
                .map(text -> new NoticeTemplate(text.kind(), text.language(), text.subject(), text.body())).toList());
    }

    static MessengerNoticesDto from(NoticeTemplates templates) {
        return new MessengerNoticesDto(templates.everyNotice().stream()
                .map(template -> new Text(template.kind(), template.language(), template.subject(), template.body()))
                .toList());
    }
}
