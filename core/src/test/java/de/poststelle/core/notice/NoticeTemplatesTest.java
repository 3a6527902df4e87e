package de.poststelle.core.notice;

import de.poststelle.core.notice.InvalidNoticeTemplate.Part;
import de.poststelle.core.notice.InvalidNoticeTemplate.Problem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tenant's wording of the recipient notices: filled in, refused when it would reach citizens broken. */
class NoticeTemplatesTest {

    private static final Map<String, Object> VALUES = NoticeKind.ACTIVATION.values("amt@stadt.example", "Ihr Bescheid",
            "https://gw.example/messenger/activate/abc", Instant.parse("2026-12-07T16:20:00Z"));

    @Test
    void theTenantsTextIsFilledInAndAnEmptyPartIsTheBuiltInText() {
        NoticeTemplates templates = NoticeTemplates.of(List.of(
                new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.DE, "Post vom Bürgeramt",
                        "Guten Tag,\r\n{absender} schrieb Ihnen ({betreff}).\r\nLink: {link}, gültig bis {gueltig_bis}.\r\nFragen: 0351 123"),
                new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.EN, "", "Link: {link} until {gueltig_bis}")));

        NoticeText notice = templates.render(NoticeKind.ACTIVATION, VALUES);

        assertThat(notice.subject()).isEqualTo("Post vom Bürgeramt / New encrypted message for you");
        assertThat(notice.body()).isEqualTo("""
                Guten Tag,
                amt@stadt.example schrieb Ihnen (Ihr Bescheid).
                Link: https://gw.example/messenger/activate/abc, gültig bis 07.12.2026, 17:20 Uhr.
                Fragen: 0351 123

                -- English --

                Link: https://gw.example/messenger/activate/abc until 7 December 2026, 17:20
                """);
    }

    @Test
    void withoutTemplatesTheBuiltInTextsAreUsedInBothLanguages() {
        NoticeText notice = NoticeTemplates.BUILT_IN.render(NoticeKind.NEW_MESSAGE,
                NoticeKind.NEW_MESSAGE.values("amt@stadt.example", "Ihr Bescheid", "https://gw.example/messenger/login"));

        assertThat(notice.subject()).isEqualTo("Neue verschlüsselte Nachricht in Ihrem Messenger-Postfach"
                + " / New encrypted message in your Messenger mailbox");
        assertThat(notice.body()).contains("amt@stadt.example hat Ihnen eine verschlüsselte Nachricht gesendet (Betreff: Ihr Bescheid)",
                "amt@stadt.example sent you an encrypted message (subject: Ihr Bescheid)", "https://gw.example/messenger/login");
        assertThat(notice.body()).doesNotContain("{");
    }

    @Test
    void anUnknownPlaceholderIsRefusedNamingItAndTheAllowedOnes() {
        assertThatThrownBy(() -> new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN, "", "{link} by {name}"))
                .isInstanceOfSatisfying(InvalidNoticeTemplate.class, refused -> {
                    assertThat(refused.part()).isEqualTo(Part.BODY);
                    assertThat(refused.problem()).isEqualTo(Problem.UNKNOWN_PLACEHOLDER);
                    assertThat(refused.detail()).isEqualTo("{name}");
                })
                .hasMessage("new-message notice, EN body: unknown placeholder {name}; allowed: {absender}, {betreff}, {link}");
        assertThatThrownBy(() -> new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.DE, "bis {gueltig_bis}", ""))
                .as("only the activation notice has an expiry").hasMessageContaining("unknown placeholder {gueltig_bis}");
    }

    @Test
    void aBodyWithoutTheLinkASubjectWithALineBreakAndOverlongTextsAreRefused() {
        assertThatThrownBy(() -> new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.DE, "", "Bitte rufen Sie an."))
                .isInstanceOfSatisfying(InvalidNoticeTemplate.class, refused ->
                        assertThat(refused.problem()).isEqualTo(Problem.LINK_MISSING))
                .hasMessageContaining("must contain {link}");
        assertThatThrownBy(() -> new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.DE, "Post\r\nBcc: x@y.example", ""))
                .isInstanceOfSatisfying(InvalidNoticeTemplate.class, refused ->
                        assertThat(refused.problem()).isEqualTo(Problem.LINE_BREAK));
        assertThatThrownBy(() -> new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.DE, "x".repeat(201), ""))
                .hasMessageContaining("at most 200 characters");
        assertThatThrownBy(() -> new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.DE, "", "{link}" + "x".repeat(5000)))
                .hasMessageContaining("at most 5000 characters");
    }

    @Test
    void emptyTextsAreNotKeptAndEveryNoticeIsListedOnce() {
        NoticeTemplates templates = NoticeTemplates.of(List.of(new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.DE, " ", ""),
                new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN, "Mail", "")));

        assertThat(templates.templates()).extracting(NoticeTemplate::subject).containsExactly("Mail");
        assertThat(templates.everyNotice()).hasSize(4).extracting(NoticeTemplate::subject).containsExactly("", "", "", "Mail");
        assertThatThrownBy(() -> NoticeTemplates.of(List.of(templates.of(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN),
                templates.of(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN)))).hasMessageContaining("at most one text");
    }
}
