package de.poststelle.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.verify.TestDocuments;
import de.poststelle.verify.TestSigners;
import de.poststelle.verify.TestTrustedList;
import de.poststelle.verify.TrustedLists;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mail from the Internet with a signed PDF, through real SMTP in and out: the tenant's server
 * receives it with the verification report (PDF and ETSI XML) attached and the summary header.
 * External recipients of such a mail get it as it was sent, without the report. Two trusted lists
 * served on loopback: one makes the test CA a qualified service, the other is signed by a key not
 * configured for it and is named in the report as not used.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignatureReportGatewayTest {

    @RegisterExtension
    static final GreenMailExtension tenantServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static final GreenMailExtension externalServer = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    static TestSigners pki;
    static HttpServer trustedListServer;
    static String forgedListUrl;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws Exception {
        pki = new TestSigners();
        Path dataDir = TestGateway.fastEmbedded(registry);
        registry.add("poststelle.verify.trust-anchors[0]", pem(dataDir.resolve("test-ca.pem"), pki.trustedCa)::toString);
        serveTrustedLists(Map.of("/tl-de.xml", TestTrustedList.signed(pki.trustedCa, pki.trustedListSigner),
                "/tl-forged.xml", TestTrustedList.signed(pki.trustedCa, pki.strangerSigner)));
        String base = "http://127.0.0.1:" + trustedListServer.getAddress().getPort();
        forgedListUrl = base + "/tl-forged.xml";
        Path listSigner = pem(dataDir.resolve("tl-signer.pem"), pki.trustedListSigner.certificate());
        registry.add("poststelle.verify.trusted-lists[0].url", () -> base + "/tl-de.xml");
        registry.add("poststelle.verify.trusted-lists[0].signing-certificates[0]", listSigner::toString);
        registry.add("poststelle.verify.trusted-lists[1].url", () -> forgedListUrl);
        registry.add("poststelle.verify.trusted-lists[1].signing-certificates[0]", listSigner::toString);
        // The test client on 127.0.0.1 is the tenant's own server, so it may send out as well as in.
        TestGateway.servedDomain(registry, 0, "behoerde.example", "demo", () -> tenantServer.getSmtp().getPort(),
                "127.0.0.1/32");
        TestGateway.route(registry, 0, "extern.example", externalServer.getSmtp().getPort());
    }

    private static Path pem(Path file, X509Certificate certificate) throws Exception {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    private static void serveTrustedLists(Map<String, byte[]> lists) throws Exception {
        trustedListServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lists.forEach((path, body) -> trustedListServer.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }));
        trustedListServer.start();
    }

    @AfterAll
    static void stopPki() {
        trustedListServer.stop(0);
        pki.close();
    }

    @Autowired
    SmtpServer smtpServer;

    @Autowired
    TrustedLists trustedLists;

    private static String mailWithSignedPdf(String from, String to, String subject) throws Exception {
        return mailWithSignedPdf(pki.signer, from, to, subject);
    }

    private static String mailWithSignedPdf(TestSigners.Signer signer, String from, String to, String subject)
            throws Exception {
        String pdf = Base64.getMimeEncoder().encodeToString(TestDocuments.pades(signer, TestDocuments.pdf("Bescheid")));
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + subject.replace(' ', '-') + "@web.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nAnbei der Bescheid.\r\n"
                + "--b1\r\nContent-Type: application/pdf; name=\"bescheid.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"bescheid.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + pdf + "\r\n--b1--\r\n";
    }

    @Test
    void inboundMailWithASignedPdfReachesTheTenantWithTheReportAndTheSummaryHeader() throws Exception {
        String message = mailWithSignedPdf("buerger@web.example", "amt@behoerde.example", "Signierter Bescheid");
        try (SmtpTestClient client = new SmtpTestClient(smtpServer.port())) {
            assertThat(client.sendMail("buerger@web.example", "amt@behoerde.example", message)).startsWith("250");
        }

        MimeMessage received = TestGateway.awaitMessage(tenantServer, "Signierter Bescheid");

        assertThat(MimeUtility.decodeText(received.getHeader("X-Poststelle-Signaturpruefung", null))).isEqualTo("1 gültig");
        assertThat(received.getSubject()).isEqualTo("Signierter Bescheid");
        Multipart parts = (Multipart) received.getContent();
        assertThat(parts.getBodyPart(0).isMimeType("multipart/mixed")).as("the original mail comes first").isTrue();
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        for (int i = 1; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            try (InputStream in = part.getInputStream()) {
                attachments.put(part.getFileName(), in.readAllBytes());
            }
        }
        assertThat(attachments).containsOnlyKeys("Pruefprotokoll.pdf", "Pruefbericht-bescheid.pdf.xml");
        assertThat(new String(attachments.get("Pruefbericht-bescheid.pdf.xml"), StandardCharsets.UTF_8))
                .contains("urn:etsi:019102:mainindication:total-passed");
        try (PDDocument report = Loader.loadPDF(attachments.get("Pruefprotokoll.pdf"))) {
            assertThat(new PDFTextStripper().getText(report).replaceAll("\\s+", " "))
                    .contains("Dokument: bescheid.pdf", "Ergebnis gültig", "Erika Mustermann");
        }
    }

    @Test
    void signatureWithAQualifiedCertificateFromAConfiguredTrustedListIsReportedQualified() throws Exception {
        await("the trusted lists loaded in the background").atMost(Duration.ofSeconds(60))
                .until(() -> trustedLists.ignored().stream().map(TrustedLists.Ignored::problem).toList(),
                        problems -> problems.equals(List.of(TrustedLists.Problem.SIGNATURE_INVALID)));
        String subject = "Qualifiziert signierter Bescheid";
        try (SmtpTestClient client = new SmtpTestClient(smtpServer.port())) {
            assertThat(client.sendMail("buerger@web.example", "amt@behoerde.example",
                    mailWithSignedPdf(pki.qualifiedSigner, "buerger@web.example", "amt@behoerde.example", subject)))
                    .startsWith("250");
        }

        MimeMessage received = TestGateway.awaitMessage(tenantServer, subject);

        Multipart parts = (Multipart) received.getContent();
        byte[] report = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if ("Pruefprotokoll.pdf".equals(parts.getBodyPart(i).getFileName())) {
                try (InputStream in = parts.getBodyPart(i).getInputStream()) {
                    report = in.readAllBytes();
                }
            }
        }
        assertThat(report).as("the report is attached").isNotNull();
        try (PDDocument pdf = Loader.loadPDF(report)) {
            assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ")).contains("Quirin Qualifiziert",
                    "Qualifizierte Signatur ja, qualifizierte elektronische Signatur",
                    "Nicht verwendete Vertrauenslisten", forgedListUrl + ": die Signatur der Liste ist nicht gültig");
        }
    }

    @Test
    void externalRecipientsOfTheSameMailGetItWithoutTheReport() throws Exception {
        String subject = "Bescheid an Kollegin und Kanzlei";
        String message = mailWithSignedPdf("amt@behoerde.example", "kollegin@behoerde.example, kanzlei@extern.example",
                subject);
        try (SmtpTestClient client = new SmtpTestClient(smtpServer.port())) {
            assertThat(client.send("MAIL FROM:<amt@behoerde.example>")).startsWith("250");
            assertThat(client.send("RCPT TO:<kollegin@behoerde.example>")).startsWith("250");
            assertThat(client.send("RCPT TO:<kanzlei@extern.example>")).startsWith("250");
            assertThat(client.send("DATA")).startsWith("354");
            client.write(message + "\r\n.\r\n");
            assertThat(client.reply()).startsWith("250");
        }

        MimeMessage internal = TestGateway.awaitMessage(tenantServer, subject);
        MimeMessage external = TestGateway.awaitMessage(externalServer, subject);

        assertThat(internal.getHeader("X-Poststelle-Signaturpruefung")).isNotNull();
        assertThat(fileNames((Multipart) internal.getContent())).contains("Pruefprotokoll.pdf");
        assertThat(external.getHeader("X-Poststelle-Signaturpruefung")).isNull();
        assertThat(fileNames((Multipart) external.getContent())).as("the mail as it was sent")
                .containsExactly(null, "bescheid.pdf");
        assertThat(externalServer.getReceivedMessages()).as("each recipient gets exactly one copy").hasSize(1);
        assertThat(tenantServer.getReceivedMessagesForDomain("behoerde.example")).extracting(MimeMessage::getSubject)
                .containsOnlyOnce(subject);
    }

    private static List<String> fileNames(Multipart parts) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            names.add(parts.getBodyPart(i).getFileName());
        }
        return names;
    }
}
