package de.poststelle.verify;

import com.sun.net.httpserver.HttpServer;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trusted lists made for the test and served over HTTP on loopback: a signer whose CA is a granted
 * CA/QC service in a list signed by the configured key makes qualified signatures; a list signed by
 * another key is not used, and the report says so. Nothing here reaches the real EU lists.
 */
class TrustedListsTest {

    static final ReportTexts TEXTS = new ReportTexts(Locale.GERMAN, ZoneId.of("Europe/Berlin"));
    static final CertificateVerifiers.OnlineSources ONLINE =
            new CertificateVerifiers.OnlineSources(true, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1));

    static TestSigners pki;
    static HttpServer server;
    static String goodUrl;
    static String forgedUrl;

    @BeforeAll
    static void serveLists() throws Exception {
        pki = new TestSigners();
        Map<String, byte[]> lists = Map.of(
                "/tl-de.xml", TestTrustedList.signed(pki.trustedCa, pki.trustedListSigner),
                "/tl-forged.xml", TestTrustedList.signed(pki.trustedCa, pki.strangerSigner));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lists.forEach((path, body) -> server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        goodUrl = base + "/tl-de.xml";
        forgedUrl = base + "/tl-forged.xml";
    }

    @AfterAll
    static void tearDown() {
        server.stop(0);
        pki.close();
    }

    private static TrustedLists lists(Path cache, String... urls) {
        List<TrustedLists.Source> sources = Arrays.stream(urls)
                .map(url -> new TrustedLists.Source(url, List.of(pki.trustedListSigner.certificate()))).toList();
        return new TrustedLists(sources, CertificateVerifiers.httpLoader(ONLINE), cache, Clock.systemUTC());
    }

    /** Validates with the lists' services as the only trust anchors. */
    private static SignatureCheck check(TrustedLists lists, String name, byte[] signed) {
        DssSignatureValidator validator = new DssSignatureValidator(
                CertificateVerifiers.create(List.of(), ONLINE, Clock.systemUTC(), lists.certificateSources()), TEXTS);
        DocumentCheck check = validator.validate(new SignedDocument(name, new InMemoryDocument(signed, name), List.of()));
        assertThat(check.signatures()).hasSize(1);
        return check.signatures().getFirst();
    }

    private static SignatureCheck checkPades(TrustedLists lists, TestSigners.Signer signer) throws Exception {
        return check(lists, "bescheid.pdf", TestDocuments.pades(signer, TestDocuments.pdf("Bescheid")));
    }

    @Test
    void qualifiedCertificateFromAListedServiceMakesAQualifiedSignatureAndAPlainOneDoesNot(@TempDir Path cache) throws Exception {
        try (TrustedLists lists = lists(cache, goodUrl)) {
            lists.refresh();

            assertThat(lists.ignored()).isEmpty();
            SignatureCheck pades = checkPades(lists, pki.qualifiedSigner);
            assertThat(pades.verdict()).isEqualTo(Verdict.VALID);
            assertThat(pades.qualification()).startsWith("ja, qualifizierte elektronische Signatur");
            assertThat(pades.chain()).last().asString().contains("Test-CA Landesverwaltung (Vertrauensanker)");

            SignatureCheck cades = check(lists, "vertrag.p7m", TestDocuments.cades(pki.qualifiedSigner,
                    "Vertrag".getBytes(StandardCharsets.UTF_8), SignaturePackaging.ENVELOPING));
            assertThat(cades.verdict()).isEqualTo(Verdict.VALID);
            assertThat(cades.qualification()).startsWith("ja, qualifizierte");

            SignatureCheck withoutQcStatements = checkPades(lists, pki.signer);
            assertThat(withoutQcStatements.verdict()).isEqualTo(Verdict.VALID);
            assertThat(withoutQcStatements.qualification()).as("same CA, certificate not qualified").doesNotStartWith("ja");
        }
    }

    @Test
    void listSignedByAnUnconfiguredKeyIsIgnoredAndTheReportSaysSo(@TempDir Path cache) throws Exception {
        try (TrustedLists lists = lists(cache, forgedUrl)) {
            lists.refresh();

            assertThat(lists.ignored()).singleElement().satisfies(ignored -> {
                assertThat(ignored.url()).isEqualTo(forgedUrl);
                assertThat(ignored.problem()).isEqualTo(TrustedLists.Problem.SIGNATURE_INVALID);
            });
            SignatureCheck signature = checkPades(lists, pki.qualifiedSigner);
            assertThat(signature.verdict()).isEqualTo(Verdict.INDETERMINATE);
            assertThat(signature.qualification()).doesNotStartWith("ja");

            byte[] pdf = new ReportPdfRenderer(TEXTS, lists::ignored).render(List.of(),
                    new ReportPdfRenderer.MailInfo("Bescheid", "amt@example.org", Instant.now()), "1 unbestimmt");
            try (PDDocument document = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
                assertThat(text).contains("Nicht verwendete Vertrauenslisten")
                        .contains(forgedUrl + ": die Signatur der Liste ist nicht gültig");
            }
        }
    }

    @Test
    void unreachableListIsIgnoredWithTheReason(@TempDir Path cache) throws Exception {
        String missing = "http://127.0.0.1:" + server.getAddress().getPort() + "/no-such-list.xml";
        try (TrustedLists lists = lists(cache, missing)) {
            lists.refresh();

            assertThat(lists.ignored()).singleElement().satisfies(ignored -> {
                assertThat(ignored.problem()).isEqualTo(TrustedLists.Problem.NOT_LOADED);
                assertThat(ignored.detail()).contains("404");
            });
        }
    }

    @Test
    void listKeptOnDiskWorksAfterARestartWithoutNetwork(@TempDir Path cache) throws Exception {
        try (TrustedLists online = lists(cache, goodUrl)) {
            online.refresh();
        }
        try (TrustedLists restarted = lists(cache, goodUrl)) { // no refresh: only what the first one kept on disk

            assertThat(restarted.ignored()).isEmpty();
            assertThat(checkPades(restarted, pki.qualifiedSigner).qualification()).startsWith("ja, qualifizierte");
        }
    }
}
