package de.poststelle.verify;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.DomainSnapshot;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.crypto.smime.SmimeSigner;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The stage on whole mails: what it attaches, what it leaves alone, and that it never loses a mail. */
class SignatureVerificationStageTest {

    static final Session SESSION = Session.getInstance(new Properties());
    static TestSigners pki;
    static SignatureVerificationStage stage;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestSigners();
        stage = stage(Locale.GERMAN, 1024 * 1024);
    }

    @AfterAll
    static void tearDown() {
        pki.close();
    }

    static SignatureVerificationStage stage(Locale language, long maxDocumentSize) {
        ReportTexts texts = new ReportTexts(language, ZoneId.of("Europe/Berlin"));
        TenantDomain internal = new TenantDomain("behoerde.example", 1, DomainKind.MAIL, Optional.empty(),
                SendDirection.SEND_AND_RECEIVE, Optional.of(NextHop.of("mail.behoerde.example", 25, TlsMode.NONE)),
                UnmappedPolicy.BOUNCE_ALL, Optional.empty(), List.of());
        return new SignatureVerificationStage(new DomainSnapshot(List.of(internal), address -> Optional.empty(), email -> Optional.empty()),
                new SignedDocumentFinder(maxDocumentSize, texts),
                DssSignatureValidatorTest.validatorTrusting(pki, texts), new ReportPdfRenderer(texts), texts,
                Clock.systemUTC());
    }

    static MailContext mail(String recipient, byte[] message) {
        return mail(List.of(recipient), message);
    }

    static MailContext mail(List<String> recipients, byte[] message) {
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse("buerger@extern.example")),
                recipients.stream().map(MailAddress::parse).toList(),
                new ClientInfo(InetAddress.getLoopbackAddress(), "client.test", false, null, Instant.now()));
        return new MailContext("q1", envelope, Instant.now(), MessageSource.ofBytes(message));
    }

    static byte[] mailWith(MimeBodyPart... attachments) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom("buerger@extern.example");
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, "amt@behoerde.example");
        message.setSubject("Antrag mit Unterlagen", "UTF-8");
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Sehr geehrte Damen und Herren, anbei die Unterlagen.", "UTF-8");
        multipart.addBodyPart(text);
        for (MimeBodyPart attachment : attachments) {
            multipart.addBodyPart(attachment);
        }
        message.setContent(multipart);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    static MimeBodyPart attachment(String name, String type, byte[] content) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(name);
        part.setDisposition("attachment");
        return part;
    }

    static String header(MailContext mail) throws Exception {
        List<String> headers = mail.prependedHeaders();
        assertThat(headers).singleElement().asString().startsWith(SignatureVerificationStage.HEADER + ": ");
        return MimeUtility.decodeText(headers.getFirst().substring(SignatureVerificationStage.HEADER.length() + 2));
    }

    /** The attachments the stage added, by file name, and the original message as the first part. */
    record Rewritten(byte[] original, Map<String, byte[]> attachments) {
        String pdfText(String name) throws IOException {
            try (PDDocument pdf = Loader.loadPDF(attachments.get(name))) {
                return new PDFTextStripper().getText(pdf);
            }
        }
    }

    static Rewritten rewritten(MailContext mail) throws Exception {
        assertThat(mail.bodyReplaced()).isTrue();
        MimeMessage message;
        try (InputStream in = mail.body().open()) {
            message = new MimeMessage(SESSION, in);
        }
        assertThat(message.isMimeType("multipart/mixed")).isTrue();
        Multipart parts = (Multipart) message.getContent();
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        parts.getBodyPart(0).writeTo(original);
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        for (int i = 1; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            try (InputStream in = part.getInputStream()) {
                attachments.put(part.getFileName(), in.readAllBytes());
            }
        }
        return new Rewritten(original.toByteArray(), attachments);
    }

    @Test
    void mailWithTwoSignedAttachmentsGetsTheReportPdfTheEtsiReportsAndASummary() throws Exception {
        byte[] contract = "Vertragstext".getBytes(StandardCharsets.UTF_8);
        byte[] message = mailWith(
                attachment("bescheid.pdf", "application/pdf", TestDocuments.pades(pki.signer, TestDocuments.pdf("Bescheid"))),
                attachment("vertrag.txt", "text/plain", contract),
                attachment("vertrag.txt.p7s", "application/pkcs7-signature",
                        TestDocuments.cades(pki.strangerSigner, contract, SignaturePackaging.DETACHED)));
        MailContext mail = mail("amt@behoerde.example", message);

        assertThat(stage.process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(header(mail)).isEqualTo("1 gültig, 1 unbestimmt");
        Rewritten result = rewritten(mail);
        assertThat(result.attachments()).containsOnlyKeys("Pruefprotokoll.pdf", "Pruefbericht-bescheid.pdf.xml",
                "Pruefbericht-vertrag.txt.p7s.xml");
        assertThat(new String(result.attachments().get("Pruefbericht-bescheid.pdf.xml"), StandardCharsets.UTF_8))
                .contains("urn:etsi:019102:mainindication:total-passed");
        assertThat(new String(result.attachments().get("Pruefbericht-vertrag.txt.p7s.xml"), StandardCharsets.UTF_8))
                .contains("urn:etsi:019102:mainindication:indeterminate");
        String text = result.pdfText("Pruefprotokoll.pdf").replaceAll("\\s+", " ");
        assertThat(text).contains("Prüfprotokoll elektronischer Signaturen", "Antrag mit Unterlagen",
                "Dokument: bescheid.pdf", "Ergebnis gültig", "Unterzeichnet von Erika Mustermann",
                "Dokument: vertrag.txt.p7s", "Ergebnis unbestimmt", "keinem vertrauenswürdigen Aussteller",
                "Test-CA Landesverwaltung (Vertrauensanker)");
        assertThat(new String(result.original(), StandardCharsets.US_ASCII))
                .as("the original body is the first part, unchanged").contains(bodyOf(message));
    }

    @Test
    void tamperedDocumentIsReportedInvalidInGerman() throws Exception {
        byte[] signed = TestDocuments.pades(pki.signer, TestDocuments.pdf("Betrag 100 Euro"));
        int at = new String(signed, StandardCharsets.ISO_8859_1).indexOf("100 Euro");
        signed[at] = '9';
        MailContext mail = mail("amt@behoerde.example", mailWith(attachment("bescheid.pdf", "application/pdf", signed)));

        stage.process(mail);

        assertThat(header(mail)).isEqualTo("1 ungültig");
        assertThat(rewritten(mail).pdfText("Pruefprotokoll.pdf").replaceAll("\\s+", " "))
                .contains("Ergebnis ungültig", "nach dem Signieren verändert");
    }

    @Test
    void smimeSignedMailIsCheckedAsCadesOverTheSignedPart() throws Exception {
        byte[] plain = ("From: buerger@extern.example\r\nTo: amt@behoerde.example\r\nSubject: signiert\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nSignierte Nachricht.\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        new SmimeSigner(pki.signer.key(), pki.signer.chain()).sign(MessageSource.ofBytes(plain), signed);
        MailContext mail = mail("amt@behoerde.example", signed.toByteArray());

        stage.process(mail);

        assertThat(header(mail)).isEqualTo("1 gültig");
        Rewritten result = rewritten(mail);
        assertThat(result.pdfText("Pruefprotokoll.pdf")).contains("Signatur der E-Mail selbst (S/MIME)");
        assertThat(new String(result.original(), StandardCharsets.US_ASCII)).contains(bodyOf(signed.toByteArray()));
    }

    @Test
    void englishReportWhenConfigured() throws Exception {
        MailContext mail = mail("amt@behoerde.example", mailWith(attachment("antrag.xml", "application/xml",
                TestDocuments.xadesEnveloped(pki.signer, TestDocuments.xml()))));

        stage(Locale.ENGLISH, 1024 * 1024).process(mail);

        assertThat(header(mail)).isEqualTo("1 valid");
        Rewritten result = rewritten(mail);
        assertThat(result.attachments()).containsOnlyKeys("Verification-report.pdf", "Validation-report-antrag.xml.xml");
        assertThat(result.pdfText("Verification-report.pdf")).contains("Electronic signature verification report", "valid");
    }

    @Test
    void mailWithoutSignedDocumentsOrForExternalRecipientsPassesUntouched() throws Exception {
        MailContext unsigned = mail("amt@behoerde.example", mailWith(
                attachment("brief.pdf", "application/pdf", TestDocuments.pdf("ohne Signatur"))));
        stage.process(unsigned);
        assertThat(unsigned.bodyReplaced()).isFalse();
        assertThat(unsigned.prependedHeaders()).isEmpty();

        MailContext external = mail("jemand@extern.example", mailWith(attachment("bescheid.pdf", "application/pdf",
                TestDocuments.pades(pki.signer, TestDocuments.pdf("Bescheid")))));
        stage.process(external);
        assertThat(external.bodyReplaced()).isFalse();
        assertThat(external.prependedHeaders()).isEmpty();
    }

    @Test
    void externalRecipientsOfTheSameMailAreSplitOffAndGetNoReport() throws Exception {
        byte[] signed = mailWith(attachment("bescheid.pdf", "application/pdf",
                TestDocuments.pades(pki.signer, TestDocuments.pdf("Bescheid"))));
        MailContext mail = mail(List.of("amt@behoerde.example", "partner@extern.example", "kanzlei@anders.example"), signed);

        assertThat(stage.process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(mail.splitOffRecipients()).containsExactly(
                List.of(MailAddress.parse("partner@extern.example"), MailAddress.parse("kanzlei@anders.example")));
        assertThat(mail.activeRecipients()).containsExactly(MailAddress.parse("amt@behoerde.example"));
        assertThat(rewritten(mail).attachments()).containsKey("Pruefprotokoll.pdf");

        MailContext unsigned = mail(List.of("amt@behoerde.example", "partner@extern.example"),
                mailWith(attachment("brief.pdf", "application/pdf", TestDocuments.pdf("ohne Signatur"))));
        stage.process(unsigned);
        assertThat(unsigned.splitOffRecipients()).as("no report, so nothing to keep from anyone").isEmpty();
    }

    @Test
    void documentAboveTheSizeLimitIsSkippedAndTheHeaderSaysSo() throws Exception {
        byte[] asice = TestDocuments.asice(pki.signer, "Anlage".getBytes(StandardCharsets.UTF_8));
        byte[] bigPdf = TestDocuments.pades(pki.signer, TestDocuments.pdf("x".repeat(60)));
        MailContext mail = mail("amt@behoerde.example", mailWith(
                attachment("akte.asice", "application/vnd.etsi.asic-e+zip", asice),
                attachment("gross.pdf", "application/pdf", bigPdf)));

        assertThat(bigPdf.length).isGreaterThan(asice.length);
        stage(Locale.GERMAN, asice.length).process(mail);

        assertThat(header(mail)).isEqualTo("1 gültig, 1 nicht geprüft");
        assertThat(rewritten(mail).pdfText("Pruefprotokoll.pdf").replaceAll("\\s+", " "))
                .contains("gross.pdf", "größer als die Grenze");
    }

    @Test
    void whenTheCheckFailsTheMailGoesOnWithAHeaderSayingSo() throws Exception {
        MessageSource unreadable = new MessageSource() {
            @Override
            public InputStream open() throws IOException {
                throw new IOException("spool file gone");
            }

            @Override
            public long size() {
                return 100;
            }
        };
        MailContext mail = new MailContext("q2", mail("amt@behoerde.example", new byte[0]).envelope(), Instant.now(),
                unreadable);

        assertThat(stage.process(mail)).isEqualTo(StageResult.CONTINUE);

        assertThat(header(mail)).isEqualTo("Prüfung fehlgeschlagen: spool file gone");
        assertThat(mail.bodyReplaced()).isFalse();
    }

    private static String bodyOf(byte[] message) {
        String text = new String(message, StandardCharsets.US_ASCII);
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }
}
