package de.poststelle.verify;

import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.InMemoryDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Real DSS validation of documents signed with the test PKI, and the report's plain German words. */
class DssSignatureValidatorTest {

    static TestSigners pki;
    static DssSignatureValidator validator;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new TestSigners();
        validator = validatorTrusting(pki, new ReportTexts(Locale.GERMAN, ZoneId.of("Europe/Berlin")));
    }

    static DssSignatureValidator validatorTrusting(TestSigners pki, ReportTexts texts) {
        return new DssSignatureValidator(CertificateVerifiers.create(List.of(pki.trustedCa),
                new CertificateVerifiers.OnlineSources(true, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1)),
                Clock.systemUTC()), texts);
    }

    private static DocumentCheck check(String name, byte[] content, byte[]... detached) {
        List<eu.europa.esig.dss.model.DSSDocument> detachedDocuments = java.util.Arrays.stream(detached)
                .<eu.europa.esig.dss.model.DSSDocument>map(d -> new InMemoryDocument(d, "vertrag.txt")).toList();
        return validator.validate(new SignedDocument(name, new InMemoryDocument(content, name), detachedDocuments));
    }

    private static SignatureCheck single(DocumentCheck check) {
        assertThat(check.signatures()).hasSize(1);
        return check.signatures().getFirst();
    }

    @AfterAll
    static void tearDown() {
        pki.close();
    }

    @Test
    void padesSignedByATrustedSignerIsValid() throws Exception {
        DocumentCheck check = check("bescheid.pdf", TestDocuments.pades(pki.signer, TestDocuments.pdf("Bescheid")));

        SignatureCheck signature = single(check);
        assertThat(signature.verdict()).isEqualTo(Verdict.VALID);
        assertThat(signature.signer()).contains("Erika Mustermann");
        assertThat(signature.signingTime()).isPresent();
        assertThat(signature.format()).isEqualTo("PAdES-BASELINE-B");
        assertThat(signature.chain()).containsExactly("Erika Mustermann", "Test-CA Landesverwaltung (Vertrauensanker)");
        assertThat(signature.qualification()).startsWith("nein");
        assertThat(signature.reasons()).isEmpty();
        assertThat(check.etsiReport().orElseThrow()).contains("urn:etsi:019102:mainindication:total-passed");
    }

    @Test
    void tamperedPdfIsInvalidBecauseItWasChangedAfterSigning() throws Exception {
        byte[] signed = TestDocuments.pades(pki.signer, TestDocuments.pdf("Bescheid ueber 100 Euro"));
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("100 Euro");
        assertThat(at).isPositive();
        signed[at] = '9';

        SignatureCheck signature = single(check("bescheid.pdf", signed));

        assertThat(signature.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(signature.reasons()).containsExactly(
                "Das Dokument wurde nach dem Signieren verändert: der Prüfwert passt nicht mehr.");
    }

    @Test
    void signatureFromAnUnknownCaIsIndeterminateWithAPlainReason() throws Exception {
        DocumentCheck check = check("bescheid.pdf", TestDocuments.pades(pki.strangerSigner, TestDocuments.pdf("Fremd")));

        SignatureCheck signature = single(check);
        assertThat(signature.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(signature.reasons()).singleElement().asString().contains("keinem vertrauenswürdigen Aussteller");
        assertThat(check.etsiReport().orElseThrow()).contains("urn:etsi:019102:mainindication:indeterminate")
                .contains("urn:etsi:019102:subindication:NO_CERTIFICATE_CHAIN_FOUND");
    }

    @Test
    void expiredSignerCertificateIsNotValid() throws Exception {
        Instant whileValid = Instant.now().minus(Duration.ofDays(60));
        SignatureCheck signature = single(check("bescheid.pdf",
                TestDocuments.padesAt(pki.expiredSigner, TestDocuments.pdf("Alt"), whileValid)));

        assertThat(signature.verdict()).isNotEqualTo(Verdict.VALID);
        assertThat(signature.reasons()).anySatisfy(reason -> assertThat(reason)
                .startsWith("Das Zertifikat des Unterzeichners ist am").endsWith("abgelaufen."));
    }

    @Test
    void unreachableRevocationServiceMakesTheSignatureIndeterminateAndTheReportSaysWhy() throws Exception {
        TestSigners offline = new TestSigners();
        offline.close(); // the CA's CRL server is gone
        DssSignatureValidator validator = validatorTrusting(offline, new ReportTexts(Locale.GERMAN, ZoneId.of("Europe/Berlin")));

        DocumentCheck check = validator.validate(new SignedDocument("bescheid.pdf", new InMemoryDocument(
                TestDocuments.pades(offline.signer, TestDocuments.pdf("Bescheid")), "bescheid.pdf"), List.of()));

        SignatureCheck signature = single(check);
        assertThat(signature.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(signature.revocation()).startsWith("keine Sperrinformation verfügbar");
        assertThat(signature.reasons()).singleElement().asString().contains("keine Sperrinformation");
    }

    @Test
    void cadesDetachedIsValidatedAgainstItsDocument() throws Exception {
        byte[] content = "Vertragstext".getBytes(StandardCharsets.UTF_8);
        byte[] signature = TestDocuments.cades(pki.signer, content, SignaturePackaging.DETACHED);

        assertThat(single(check("vertrag.txt.p7s", signature, content)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(single(check("vertrag.txt.p7s", signature, "Anderer Text".getBytes(StandardCharsets.UTF_8))).verdict())
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void cadesEnvelopingXadesEnvelopedAndAsiceAreValid() throws Exception {
        byte[] content = "Vertragstext".getBytes(StandardCharsets.UTF_8);
        assertThat(single(check("vertrag.txt.p7m", TestDocuments.cades(pki.signer, content, SignaturePackaging.ENVELOPING)))
                .verdict()).isEqualTo(Verdict.VALID);
        assertThat(single(check("antrag.xml", TestDocuments.xadesEnveloped(pki.signer, TestDocuments.xml()))).verdict())
                .isEqualTo(Verdict.VALID);
        SignatureCheck asic = single(check("akte.asice", TestDocuments.asice(pki.signer, content)));
        assertThat(asic.verdict()).isEqualTo(Verdict.VALID);
        assertThat(asic.format()).isEqualTo("XAdES-BASELINE-B");
    }
}
