package de.poststelle.verify;

import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.signature.DocumentSignatureService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Signed documents for the tests, signed with DSS from a {@link TestSigners.Signer}'s PKCS#12 file. */
public final class TestDocuments {

    private TestDocuments() {
    }

    public static byte[] pdf(String text) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            // Uncompressed, so a test can change the text after signing.
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.OVERWRITE, false)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] xml() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Antrag><Betreff>Bauantrag 2026-17</Betreff></Antrag>"
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] pades(TestSigners.Signer signer, byte[] pdf) throws IOException {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        return sign(new PAdESService(new CommonCertificateVerifier()), parameters, signer,
                new InMemoryDocument(pdf, "bescheid.pdf"), null);
    }

    static byte[] cades(TestSigners.Signer signer, byte[] content, SignaturePackaging packaging) throws IOException {
        CAdESSignatureParameters parameters = new CAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.CAdES_BASELINE_B);
        parameters.setSignaturePackaging(packaging);
        return sign(new CAdESService(new CommonCertificateVerifier()), parameters, signer,
                new InMemoryDocument(content, "vertrag.txt"), null);
    }

    static byte[] xadesEnveloped(TestSigners.Signer signer, byte[] xml) throws IOException {
        XAdESSignatureParameters parameters = new XAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
        parameters.setSignaturePackaging(SignaturePackaging.ENVELOPED);
        return sign(new XAdESService(new CommonCertificateVerifier()), parameters, signer,
                new InMemoryDocument(xml, "antrag.xml"), null);
    }

    static byte[] asice(TestSigners.Signer signer, byte[] content) throws IOException {
        ASiCWithXAdESSignatureParameters parameters = new ASiCWithXAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
        parameters.aSiC().setContainerType(ASiCContainerType.ASiC_E);
        return sign(new ASiCWithXAdESService(new CommonCertificateVerifier()), parameters, signer,
                new InMemoryDocument(content, "anlage.txt"), null);
    }

    /** Signs with the given signing time instead of now, e.g. while an expired certificate was still valid. */
    static byte[] padesAt(TestSigners.Signer signer, byte[] pdf, Instant signingTime) throws IOException {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        return sign(new PAdESService(new CommonCertificateVerifier()), parameters, signer,
                new InMemoryDocument(pdf, "bescheid.pdf"), signingTime);
    }

    static <P extends AbstractSignatureParameters<?>> byte[] sign(DocumentSignatureService<P, ?> service,
                                                                         P parameters, TestSigners.Signer signer,
                                                                         DSSDocument document, Instant signingTime)
            throws IOException {
        try (Pkcs12SignatureToken token = new Pkcs12SignatureToken(signer.pkcs12(),
                new KeyStore.PasswordProtection(TestSigners.PASSWORD))) {
            DSSPrivateKeyEntry key = token.getKeys().getFirst();
            parameters.setSigningCertificate(key.getCertificate());
            parameters.setCertificateChain(List.of(key.getCertificateChain()));
            if (signingTime != null) {
                parameters.bLevel().setSigningDate(Date.from(signingTime));
            }
            ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
            SignatureValue value = token.sign(toBeSigned, parameters.getDigestAlgorithm(), key);
            DSSDocument signed = service.signDocument(document, parameters, value);
            try (var in = signed.openStream()) {
                return in.readAllBytes();
            }
        }
    }
}
