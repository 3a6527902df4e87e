package de.poststelle.smtp.dsn;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.queue.QuarantineNotice;
import de.poststelle.core.queue.QuarantineNoticeComposer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The plain-text mail (German, then English) that tells administrators a mail was quarantined:
 * who sent it to whom, what was found, and where to look. It carries none of the mail's content,
 * so reading it is safe.
 */
public final class QuarantineNoticeBuilder implements QuarantineNoticeComposer {

    private final String reportingHost;
    private final Session session = Session.getInstance(new Properties());

    public QuarantineNoticeBuilder(String reportingHost) {
        this.reportingHost = reportingHost;
    }

    @Override
    public MessageSource compose(QuarantineNotice notice) throws IOException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("MAILER-DAEMON@" + reportingHost));
            for (MailAddress recipient : notice.alertRecipients()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient.toString()));
            }
            message.setSubject("Quarantäne / Quarantined: " + notice.reason(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(notice.quarantinedAt()));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setText(body(notice), StandardCharsets.UTF_8.name());
            message.saveChanges();
            message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + reportingHost + ">");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return MessageSource.ofBytes(bytes.toByteArray());
        } catch (MessagingException e) {
            throw new IOException("cannot build quarantine notice", e);
        }
    }

    private String body(QuarantineNotice notice) {
        String sender = notice.sender().map(MailAddress::toString).orElse("<>");
        String recipients = notice.recipients().stream().map(r -> "  " + r).collect(Collectors.joining("\n"));
        return """
                Dies ist eine automatisch erzeugte Nachricht des Mail-Gateways %1$s.

                Am %2$s wurde eine Nachricht in Quarantäne genommen und nicht zugestellt.

                  Queue-ID: %3$s
                  Absender: %4$s
                  Befund:   %5$s
                  Empfänger:
                %6$s

                In der Verwaltungsoberfläche (Warteschlange, Zustand „Quarantäne“) können Sie die Nachricht
                freigeben, löschen oder zur Analyse herunterladen. Öffnen Sie heruntergeladene Inhalte nur
                in einer geschützten Umgebung.

                -----

                This is an automatically generated message from the mail gateway %1$s.

                On %7$s a message was quarantined and not delivered.

                  Queue ID:  %3$s
                  Sender:    %4$s
                  Finding:   %5$s
                  Recipients:
                %6$s

                In the web console (mail queue, state "quarantined") you can release, delete or download
                the message for analysis. Open downloaded content only in a protected environment.
                """.formatted(reportingHost, DsnText.GERMAN_DATE.format(notice.quarantinedAt()), notice.queueId(),
                sender, notice.reason(), recipients, DsnText.ENGLISH_DATE.format(notice.quarantinedAt()));
    }
}
