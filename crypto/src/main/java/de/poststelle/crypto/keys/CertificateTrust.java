package de.poststelle.crypto.keys;

import com.github.benmanes.caffeine.cache.Cache;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.poststelle.core.keys.TrustVerdict;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides whether a certificate chain is trusted: PKIX path validation (the JDK's) against the
 * given CA certificates at the clock's instant, with revocation checked by OCSP (responder from
 * the certificate) and, failing that, the CRL distribution points. Verdicts are cached for
 * {@code cacheFor}, keyed by the chain and the trusted CAs, so a busy gateway does not ask the CA
 * for every mail and a newly trusted CA takes effect at once.
 */
public final class CertificateTrust {

    private final RevocationMode mode;
    private final Clock clock;
    private final Cache<String, TrustVerdict> verdicts;

    public CertificateTrust(RevocationMode mode, Duration cacheFor, Clock clock) {
        // the JDK fetches CRLs from distribution points only when asked to; the setting is read per validation
        System.setProperty("com.sun.security.enableCRLDP", "true");
        this.mode = mode;
        this.clock = clock;
        this.verdicts = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheFor)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** {@code chain}: the certificate first, then the CAs up to (not necessarily including) the root. */
    public TrustVerdict verdict(List<X509Certificate> chain, Collection<X509Certificate> trustedCas) {
        if (chain.isEmpty()) {
            return TrustVerdict.untrusted("no certificate");
        }
        if (trustedCas.isEmpty()) {
            return TrustVerdict.untrusted("the tenant trusts no CA yet");
        }
        return verdicts.get(cacheKey(chain, trustedCas), key -> validate(chain, trustedCas));
    }

    private static String cacheKey(List<X509Certificate> chain, Collection<X509Certificate> trustedCas) {
        String path = chain.stream().map(Certificates::fingerprint).collect(Collectors.joining(","));
        Set<String> anchors = trustedCas.stream().map(Certificates::fingerprint).collect(Collectors.toCollection(TreeSet::new));
        return path + "|" + String.join(",", anchors);
    }

    private TrustVerdict validate(List<X509Certificate> chain, Collection<X509Certificate> trustedCas) {
        Instant now = clock.instant();
        for (X509Certificate certificate : chain) {
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                return TrustVerdict.untrusted("expired on " + certificate.getNotAfter().toInstant() + ": "
                        + certificate.getSubjectX500Principal().getName());
            }
            if (now.isBefore(certificate.getNotBefore().toInstant())) {
                return TrustVerdict.untrusted("not valid before " + certificate.getNotBefore().toInstant() + ": "
                        + certificate.getSubjectX500Principal().getName());
            }
        }
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
            revocation.setOptions(revocationOptions(chain.getFirst()));
            PKIXParameters parameters = new PKIXParameters(trustedCas.stream()
                    .map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toSet()));
            parameters.setDate(Date.from(now));
            parameters.addCertPathChecker(revocation);
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) validator.validate(path(chain), parameters);
            String anchor = result.getTrustAnchor().getTrustedCert().getSubjectX500Principal().getName();
            List<CertPathValidatorException> unchecked = revocation.getSoftFailExceptions();
            if (!unchecked.isEmpty()) {
                return TrustVerdict.trusted("issued by trusted CA " + anchor + "; revocation status could not be "
                        + "checked (accepted: soft fail): " + unchecked.getFirst().getMessage());
            }
            return TrustVerdict.trusted("issued by trusted CA " + anchor + "; not revoked");
        } catch (CertPathValidatorException e) {
            return TrustVerdict.untrusted(refusal(e));
        } catch (InvalidAlgorithmParameterException e) {
            return TrustVerdict.untrusted("the trusted CA certificates cannot be used: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation is not available", e);
        }
    }

    /**
     * OCSP when the certificate names a responder (the JDK falls back to CRLs if it fails), else
     * CRLs only: an OCSP attempt without a responder would be a failure soft fail cannot excuse.
     */
    private Set<PKIXRevocationChecker.Option> revocationOptions(X509Certificate certificate) {
        Set<PKIXRevocationChecker.Option> options = EnumSet.noneOf(PKIXRevocationChecker.Option.class);
        if (mode == RevocationMode.SOFT_FAIL) {
            options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
        }
        if (!namesOcspResponder(certificate)) {
            options.add(PKIXRevocationChecker.Option.PREFER_CRLS);
            options.add(PKIXRevocationChecker.Option.NO_FALLBACK);
        }
        return options;
    }

    private static boolean namesOcspResponder(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return false;
        }
        try {
            AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(extension));
            return Arrays.stream(access.getAccessDescriptions())
                    .anyMatch(description -> AccessDescription.id_ad_ocsp.equals(description.getAccessMethod()));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The chain without self-signed roots: the validator starts from the trusted CAs itself. */
    private static CertPath path(List<X509Certificate> chain) throws GeneralSecurityException {
        List<X509Certificate> path = new ArrayList<>(chain.subList(0, 1));
        chain.stream().skip(1).filter(certificate -> !Certificates.selfSigned(certificate)).forEach(path::add);
        return CertificateFactory.getInstance("X.509").generateCertPath(path);
    }

    private static String refusal(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return "revoked: " + e.getMessage();
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return "revocation status could not be checked (refused: hard fail): " + e.getMessage();
        }
        if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            return "not issued by a CA the tenant trusts";
        }
        return "not trusted: " + e.getMessage();
    }
}
