package de.poststelle.verify;

import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.enumerations.CertificateStatus;
import eu.europa.esig.dss.enumerations.SignatureQualification;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** Validates one signed document with EU DSS and puts the result into the report's plain words. */
public final class DssSignatureValidator {

    private final CertificateVerifier verifier;
    private final ReportTexts texts;

    public DssSignatureValidator(CertificateVerifier verifier, ReportTexts texts) {
        this.verifier = verifier;
        this.texts = texts;
    }

    /** Throws DSS's runtime exceptions for content that is no signed document it knows. */
    public DocumentCheck validate(SignedDocument document) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(document.content());
        validator.setCertificateVerifier(verifier);
        validator.setDetachedContents(document.detachedContents());
        validator.setLocale(texts.locale());
        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        DiagnosticData diagnostics = reports.getDiagnosticData();
        List<SignatureCheck> signatures = simple.getSignatureIdList().stream()
                .map(id -> signature(id, simple, diagnostics)).toList();
        return new DocumentCheck(document.name(), signatures, Optional.of(reports.getXmlValidationReport()),
                Optional.empty());
    }

    private SignatureCheck signature(String id, SimpleReport simple, DiagnosticData diagnostics) {
        Optional<CertificateWrapper> signingCertificate = Optional.ofNullable(diagnostics.getSigningCertificateId(id))
                .map(diagnostics::getUsedCertificateById);
        Verdict verdict = Verdict.of(simple.getIndication(id));
        List<String> chain = diagnostics.getSignatureCertificateChain(id).stream()
                .map(c -> c.getReadableCertificateName() + (c.isTrusted() ? " " + texts.get("anchor") : "")).toList();
        List<String> reasons = verdict == Verdict.VALID ? List.of() : reasons(simple, id, signingCertificate);
        List<String> details = simple.getAdESValidationErrors(id).stream().map(Message::getValue).toList();
        return new SignatureCheck(signingCertificate.map(CertificateWrapper::getReadableCertificateName)
                .or(() -> Optional.ofNullable(simple.getSignedBy(id))),
                Optional.ofNullable(simple.getSigningTime(id)).map(Date::toInstant),
                qualification(simple.getSignatureQualification(id)),
                String.valueOf(simple.getSignatureFormat(id)), chain,
                signingCertificate.map(this::revocation).orElse(texts.get("revocation.noCertificate")),
                verdict, reasons, details);
    }

    /** The sub-indication in words; an expired certificate is named too, as DSS often reports it only indirectly. */
    private List<String> reasons(SimpleReport simple, String id, Optional<CertificateWrapper> signingCertificate) {
        SubIndication subIndication = simple.getSubIndication(id);
        List<String> reasons = new ArrayList<>();
        reasons.add(subIndication == null ? texts.get("reason.generic") : texts.get("reason." + subIndication.name()));
        signingCertificate.map(CertificateWrapper::getNotAfter)
                .filter(notAfter -> notAfter.before(simple.getValidationTime()))
                .ifPresent(notAfter -> reasons.add(texts.get("reason.certificateExpired", texts.date(notAfter.toInstant()))));
        return reasons;
    }

    private String qualification(SignatureQualification qualification) {
        if (qualification == null) {
            return texts.get("qualification.indeterminate", "-");
        }
        String name = qualification.name();
        String key;
        if (name.startsWith("QES")) {
            key = "qualification.qualified";
        } else if (name.equals("NA")) {
            key = "qualification.notListed";
        } else if (name.startsWith("INDETERMINATE") || name.startsWith("UNKNOWN")) {
            key = "qualification.indeterminate";
        } else if (name.startsWith("ADES") && name.endsWith("_QC")) {
            key = "qualification.qcOnly";
        } else if (name.startsWith("ADES")) {
            key = "qualification.advanced";
        } else {
            key = "qualification.none";
        }
        return texts.get(key, qualification.getReadable());
    }

    private String revocation(CertificateWrapper certificate) {
        if (certificate.isTrusted()) {
            return texts.get("revocation.anchor");
        }
        return certificate.getCertificateRevocationData().stream()
                .max(Comparator.comparing(CertificateRevocationWrapper::getProductionDate))
                .map(latest -> {
                    String source = String.valueOf(latest.getRevocationType());
                    if (latest.getStatus() == CertificateStatus.REVOKED) {
                        return texts.get("revocation.revoked", source, texts.date(latest.getRevocationDate().toInstant()));
                    }
                    String key = latest.getStatus() == CertificateStatus.GOOD ? "revocation.good" : "revocation.unknown";
                    return texts.get(key, source, texts.date(latest.getProductionDate().toInstant()));
                })
                .orElse(texts.get("revocation.none"));
    }
}
