package de.poststelle.smtp.dsn;

import de.poststelle.core.MailAddress;
import de.poststelle.core.queue.QuarantineNotice;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantineNoticeBuilderTest {

    @Test
    void theNoticeNamesTheMailAndTheFindingInGermanAndEnglishToEveryAlertRecipient() throws Exception {
        QuarantineNotice notice = new QuarantineNotice("Q-4711", Optional.of(MailAddress.parse("boese@extern.example")),
                List.of(MailAddress.parse("poststelle@amt.example")), "virus found: Win.Test.EICAR_HDB-1",
                Instant.parse("2026-11-23T10:15:00Z"),
                List.of(MailAddress.parse("sicherheit@amt.example"), MailAddress.parse("leitstelle@amt.example")));

        MimeMessage mail;
        try (InputStream in = new QuarantineNoticeBuilder("gw.itsp.example").compose(notice).open()) {
            mail = new MimeMessage(Session.getInstance(new Properties()), in);
        }

        assertThat(mail.getAllRecipients()).extracting(Object::toString)
                .containsExactly("sicherheit@amt.example", "leitstelle@amt.example");
        assertThat(mail.getSubject()).isEqualTo("Quarantäne / Quarantined: virus found: Win.Test.EICAR_HDB-1");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat((String) mail.getContent())
                .contains("Queue-ID: Q-4711", "Absender: boese@extern.example", "poststelle@amt.example",
                        "23. November 2026 um 11:15 Uhr", "On November 23, 2026 at 11:15",
                        "Befund:   virus found: Win.Test.EICAR_HDB-1");
    }
}
