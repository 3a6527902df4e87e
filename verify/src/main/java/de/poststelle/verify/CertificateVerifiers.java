package de.poststelle.verify;

import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Builds DSS's certificate verifier from the gateway's trust anchors and online revocation settings. */
public final class CertificateVerifiers {

    /**
     * @param online          fetch OCSP responses, CRLs and missing issuer certificates (AIA)
     * @param connectTimeout  for each of those requests; short, because a mail waits meanwhile
     * @param readTimeout     likewise
     * @param cacheTime       how long fetched revocation data and certificates are reused
     */
    public record OnlineSources(boolean online, Duration connectTimeout, Duration readTimeout, Duration cacheTime) {
    }

    private CertificateVerifiers() {
    }

    /** @param trustedLists further trust anchors, e.g. the certificates of {@link TrustedLists} */
    public static CertificateVerifier create(List<X509Certificate> trustAnchors, OnlineSources sources, Clock clock,
                                             CertificateSource... trustedLists) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trustAnchors.forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
        verifier.setTrustedCertSources(trusted);
        verifier.addTrustedCertSources(trustedLists);
        if (sources.online()) {
            CommonsDataLoader http = httpLoader(sources);
            CommonsDataLoader ocsp = withTimeouts(new OCSPDataLoader(), sources);
            verifier.setCrlSource(new OnlineCRLSource(new CachingDataLoader(http, sources.cacheTime(), clock)));
            verifier.setOcspSource(new OnlineOCSPSource(new CachingDataLoader(ocsp, sources.cacheTime(), clock)));
            verifier.setAIASource(new DefaultAIASource(new CachingDataLoader(http, sources.cacheTime(), clock)));
        } else {
            verifier.setCrlSource(null);
            verifier.setOcspSource(null);
            verifier.setAIASource(null);
        }
        return verifier;
    }

    /** A plain HTTP loader with the configured timeouts. */
    public static CommonsDataLoader httpLoader(OnlineSources sources) {
        return withTimeouts(new CommonsDataLoader(), sources);
    }

    private static CommonsDataLoader withTimeouts(CommonsDataLoader loader, OnlineSources sources) {
        int connect = Math.toIntExact(sources.connectTimeout().toMillis());
        int read = Math.toIntExact(sources.readTimeout().toMillis());
        loader.setTimeoutConnection(connect);
        loader.setTimeoutConnectionRequest(connect);
        loader.setTimeoutSocket(read);
        loader.setTimeoutResponse(read);
        return loader;
    }

    /**
     * Reads trust anchors: PEM or DER certificate files (several certificates per PEM file allowed)
     * and PKCS#12 or JKS key stores (by extension .p12, .pfx, .jks; all their certificates count).
     */
    public static List<X509Certificate> loadTrustAnchors(List<Path> files, char[] keyStorePassword) {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path file : files) {
            try {
                anchors.addAll(isKeyStore(file) ? fromKeyStore(file, keyStorePassword) : fromCertificateFile(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read trust anchor " + file + ": " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read trust anchor " + file + ": " + e.getMessage(), e);
            }
        }
        return anchors;
    }

    private static boolean isKeyStore(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks");
    }

    private static List<X509Certificate> fromCertificateFile(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    private static List<X509Certificate> fromKeyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(file.toFile(), password);
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return certificates;
    }
}
