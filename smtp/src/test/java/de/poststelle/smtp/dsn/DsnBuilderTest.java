package de.poststelle.smtp.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.junit.jupiter.api.Test;

class DsnBuilderTest {

    private static final Instant ARRIVAL = Instant.parse("2024-03-01T09:15:00Z");
    private static final Instant LAST_ATTEMPT = Instant.parse("2024-03-06T09:20:00Z");
    private static final MailAddress SENDER = MailAddress.parse("amt@behoerde.example");
    private static final String ORIGINAL_HEADER = "From: Amt <amt@behoerde.example>\r\n"
            + "To: buerger@example.net, unbekannt@example.org\r\n"
            + "Subject: =?UTF-8?Q?Bescheid_=C3=BCber?=\r\n Ihren Antrag\r\n"
            + "Message-ID: <original-1@behoerde.example>\r\n"
            + "\r\n";
    private static final String BODY_MARKER = "SECRET-BODY-CONTENT";

    private final DsnBuilder builder = new DsnBuilder("gateway.example", Clock.fixed(LAST_ATTEMPT, ZoneOffset.UTC));

    @Test
    void buildsAMultipartReportWithExplanationStatusAndOriginalHeaders() throws Exception {
        MimeMessage dsn = parse(builder.build(SENDER, ARRIVAL, List.of(
                FailedRecipient.failed(MailAddress.parse("unbekannt@example.org"),
                        new SmtpReply(550, "5.1.1", "<unbekannt@example.org>: Recipient address rejected"),
                        "mx.example.org", LAST_ATTEMPT),
                FailedRecipient.failed(MailAddress.parse("buerger@nowhere.example"),
                        new SmtpReply(550, "5.1.2", "Domain nowhere.example not found in DNS"), null, LAST_ATTEMPT)),
                original()));

        assertThat(dsn.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(dsn.getHeader("From", null)).isEqualTo("MAILER-DAEMON@gateway.example");
        assertThat(dsn.getHeader("To", null)).isEqualTo("amt@behoerde.example");
        assertThat(dsn.getSubject()).isEqualTo("Unzustellbar / Undeliverable: Bescheid über Ihren Antrag");
        assertThat(dsn.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(dsn.getHeader("In-Reply-To", null)).isEqualTo("<original-1@behoerde.example>");
        assertThat(dsn.getHeader("References", null)).isEqualTo("<original-1@behoerde.example>");
        assertThat(dsn.getMessageID()).endsWith("@gateway.example>");

        MultipartReport report = (MultipartReport) dsn.getContent();
        assertThat(report.getCount()).isEqualTo(3);
        assertThat(report.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(report.getBodyPart(1).getContentType()).startsWith("message/delivery-status");
        assertThat(report.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");

        String text = report.getText();
        assertThat(text.indexOf("konnte an folgende Empfänger nicht zugestellt werden"))
                .isNotNegative().isLessThan(text.indexOf("could not be delivered to the following recipients"));
        assertThat(text).contains("Server mx.example.org antwortete: 550 5.1.1 <unbekannt@example.org>: Recipient"
                + " address rejected", "Server mx.example.org replied: 550 5.1.1",
                "Grund: 550 5.1.2 Domain nowhere.example not found", "buerger@nowhere.example");

        DeliveryStatus status = report.getDeliveryStatus();
        assertThat(status.getMessageDSN().getHeader("Reporting-MTA", null)).isEqualTo("dns; gateway.example");
        assertThat(status.getMessageDSN().getHeader("Arrival-Date", null)).isEqualTo("Fri, 1 Mar 2024 09:15:00 +0000");
        assertThat(status.getRecipientDSNCount()).isEqualTo(2);
        InternetHeaders rejected = status.getRecipientDSN(0);
        assertThat(rejected.getHeader("Final-Recipient", null)).isEqualTo("rfc822; unbekannt@example.org");
        assertThat(rejected.getHeader("Action", null)).isEqualTo("failed");
        assertThat(rejected.getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(rejected.getHeader("Remote-MTA", null)).isEqualTo("dns; mx.example.org");
        assertThat(rejected.getHeader("Diagnostic-Code", null))
                .isEqualTo("smtp; 550 5.1.1 <unbekannt@example.org>: Recipient address rejected");
        assertThat(rejected.getHeader("Last-Attempt-Date", null)).isEqualTo("Wed, 6 Mar 2024 09:20:00 +0000");
        InternetHeaders noDomain = status.getRecipientDSN(1);
        assertThat(noDomain.getHeader("Remote-MTA")).isNull();
        assertThat(noDomain.getHeader("Status", null)).isEqualTo("5.1.2");

        String returnedHeaders = new String(report.getBodyPart(2).getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII);
        assertThat(returnedHeaders).contains("Message-ID: <original-1@behoerde.example>", "Subject: =?UTF-8?Q?");
        assertThat(raw(dsn)).doesNotContain(BODY_MARKER);
    }

    @Test
    void reportsDelaysAndDerivesAStatusForRepliesWithoutOne() throws Exception {
        MimeMessage dsn = parse(builder.build(SENDER, ARRIVAL, List.of(FailedRecipient.delayed(
                MailAddress.parse("buerger@example.net"), new SmtpReply(451, "", "Greylisted"), "mx.example.net",
                LAST_ATTEMPT)), original()));

        assertThat(dsn.getSubject()).startsWith("Verzögert / Delayed: ");
        MultipartReport report = (MultipartReport) dsn.getContent();
        InternetHeaders delayed = report.getDeliveryStatus().getRecipientDSN(0);
        assertThat(delayed.getHeader("Action", null)).isEqualTo("delayed");
        assertThat(delayed.getHeader("Status", null)).isEqualTo("4.0.0");
        assertThat(delayed.getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 451 Greylisted");
        assertThat(report.getText()).contains("noch nicht zugestellt", "has not yet been delivered");
    }

    @Test
    void readsOnlyTheHeaderSectionOfTheOriginal() throws Exception {
        AtomicLong bytesRead = new AtomicLong();
        MessageSource endless = new MessageSource() {
            @Override
            public InputStream open() {
                return new InputStream() {
                    private final byte[] header = ORIGINAL_HEADER.getBytes(StandardCharsets.US_ASCII);

                    @Override
                    public int read() {
                        long at = bytesRead.getAndIncrement();
                        return at < header.length ? header[(int) at] : 'x'; // a body without end
                    }
                };
            }

            @Override
            public long size() {
                return Long.MAX_VALUE;
            }
        };

        builder.build(SENDER, ARRIVAL, List.of(FailedRecipient.failed(MailAddress.parse("buerger@example.net"),
                new SmtpReply(550, "5.1.1", "unknown"), "mx.example.net", LAST_ATTEMPT)), endless);

        assertThat(bytesRead.get()).isLessThan(64 * 1024);
    }

    private static MessageSource original() {
        byte[] bytes = (ORIGINAL_HEADER + BODY_MARKER + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return MessageSource.ofBytes(bytes);
    }

    private static MimeMessage parse(MessageSource dsn) throws Exception {
        try (InputStream in = dsn.open()) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private static String raw(MimeMessage message) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
