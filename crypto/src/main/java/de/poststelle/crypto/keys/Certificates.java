package de.poststelle.crypto.keys;

import de.poststelle.store.keys.KeyDescription;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Reading, describing and writing X.509 certificates. */
public final class Certificates {

    private static final int RFC822_NAME = 1;
    private static final String EMAIL_OID = "1.2.840.113549.1.9.1";

    private Certificates() {
    }

    /** Every certificate in a PEM file (one or many), a DER certificate or a PKCS#7 bundle. */
    public static List<X509Certificate> parse(byte[] data) {
        try {
            Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(data));
            List<X509Certificate> certificates = new ArrayList<>();
            parsed.forEach(certificate -> certificates.add((X509Certificate) certificate));
            if (certificates.isEmpty()) {
                throw notCertificates(null);
            }
            return certificates;
        } catch (CertificateException e) {
            throw notCertificates(e);
        }
    }

    private static KeyMaterialException notCertificates(Throwable cause) {
        return new KeyMaterialException("not-certificate",
                "the file holds no X.509 certificate (PEM or DER expected)", cause);
    }

    public static String pem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static byte[] pemBytes(List<X509Certificate> certificates) {
        return pem(certificates).getBytes(StandardCharsets.US_ASCII);
    }

    public static KeyDescription describe(X509Certificate certificate) {
        return new KeyDescription(certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
                Optional.of(certificate.getNotBefore().toInstant()), Optional.of(certificate.getNotAfter().toInstant()),
                Optional.of(fingerprint(certificate)));
    }

    /** SHA-256 over the DER encoding, upper-case hex as browsers show it. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The e-mail addresses a certificate is issued for: rfc822Name alternative names and the subject's emailAddress. */
    public static Set<String> emails(X509Certificate certificate) {
        Set<String> emails = new LinkedHashSet<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                names.stream().filter(name -> (Integer) name.get(0) == RFC822_NAME)
                        .forEach(name -> emails.add(((String) name.get(1)).toLowerCase(Locale.ROOT)));
            }
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(EMAIL_OID) || rdn.getType().equalsIgnoreCase("EMAILADDRESS")) {
                    emails.add(rdnValue(rdn).toLowerCase(Locale.ROOT));
                }
            }
        } catch (CertificateParsingException | InvalidNameException e) {
            throw new KeyMaterialException("not-certificate", "the certificate's names cannot be read", e);
        }
        return emails;
    }

    private static String rdnValue(Rdn rdn) {
        // RFC 2253 writes the emailAddress attribute as a hex-encoded DER IA5String
        Object value = rdn.getValue();
        if (value instanceof byte[] der && der.length > 2) {
            return new String(der, 2, der.length - 2, StandardCharsets.US_ASCII);
        }
        return value.toString();
    }

    public static boolean isCa(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0;
    }

    public static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
