package de.poststelle.smtp.dsn;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;

/**
 * Builds delivery status notifications (RFC 3464): a {@code multipart/report} with an explanation
 * in German and English, the machine-readable {@code message/delivery-status} and the original
 * message's header section ({@code text/rfc822-headers}). The caller sends it with the null
 * envelope sender ({@code MAIL FROM:<>}) so that it can never cause another bounce.
 */
public final class DsnBuilder {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final String reportingHost;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    /** @param reportingHost the gateway's host name, used in Reporting-MTA, From and Message-ID */
    public DsnBuilder(String reportingHost, Clock clock) {
        this.reportingHost = reportingHost;
        this.clock = clock;
    }

    /**
     * @param returnTo    the original envelope sender, who receives the DSN
     * @param arrivalDate when the gateway accepted the original message
     * @param recipients  the recipients to report on; at least one
     * @param original    the original message; only its header section is read
     */
    public MessageSource build(MailAddress returnTo, Instant arrivalDate, List<FailedRecipient> recipients,
                               MessageSource original) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTo(returnTo, arrivalDate, recipients, original, bytes);
        return MessageSource.ofBytes(bytes.toByteArray());
    }

    /** Like {@link #build}, writing the DSN to {@code out}. */
    public void writeTo(MailAddress returnTo, Instant arrivalDate, List<FailedRecipient> recipients,
                        MessageSource original, OutputStream out) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a DSN reports on at least one recipient");
        }
        OriginalHeaders originalHeaders = OriginalHeaders.read(original);
        try {
            message(returnTo, arrivalDate, recipients, originalHeaders).writeTo(out);
        } catch (MessagingException e) {
            throw new IOException("cannot build DSN", e);
        }
    }

    private MimeMessage message(MailAddress returnTo, Instant arrivalDate, List<FailedRecipient> recipients,
                                OriginalHeaders original) throws MessagingException {
        MimeBodyPart explanation = new MimeBodyPart();
        explanation.setText(DsnText.body(reportingHost, arrivalDate, recipients), StandardCharsets.UTF_8.name());
        MultipartReport report = new MultipartReport();
        report.setTextBodyPart(explanation);
        report.setReport(deliveryStatus(arrivalDate, recipients));
        report.setReturnedMessage(new QuotedHeaders(original.all()));

        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("MAILER-DAEMON@" + reportingHost));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(returnTo.toString()));
        String prefix = DsnText.subjectPrefix(recipients);
        message.setSubject(original.subject().map(subject -> prefix + ": " + subject).orElse(prefix),
                StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-replied");
        Optional<String> originalId = original.messageId();
        if (originalId.isPresent()) {
            message.setHeader("In-Reply-To", originalId.get());
            message.setHeader("References", originalId.get());
        }
        message.setContent(report);
        message.saveChanges();
        // After saveChanges, which would otherwise derive an ID from the local host name.
        message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + reportingHost + ">");
        return message;
    }

    private DeliveryStatus deliveryStatus(Instant arrivalDate, List<FailedRecipient> recipients)
            throws MessagingException {
        DeliveryStatus status = new DeliveryStatus();
        InternetHeaders perMessage = new InternetHeaders();
        perMessage.addHeader("Reporting-MTA", "dns; " + reportingHost);
        perMessage.addHeader("Arrival-Date", RFC_5322_DATE.format(arrivalDate));
        status.setMessageDSN(perMessage);
        for (FailedRecipient recipient : recipients) {
            InternetHeaders fields = new InternetHeaders();
            fields.addHeader("Final-Recipient", "rfc822; " + recipient.recipient());
            fields.addHeader("Action", recipient.action().fieldValue());
            fields.addHeader("Status", recipient.status());
            if (recipient.remoteHost() != null) {
                fields.addHeader("Remote-MTA", "dns; " + recipient.remoteHost());
                fields.addHeader("Diagnostic-Code", "smtp; " + recipient.replyText());
            } else {
                // No server was reached, so there is no SMTP reply to quote; say what we concluded.
                fields.addHeader("Diagnostic-Code", "X-Poststelle; " + recipient.replyText());
            }
            fields.addHeader("Last-Attempt-Date", RFC_5322_DATE.format(recipient.lastAttempt()));
            status.addRecipientDSN(fields);
        }
        return status;
    }
}
