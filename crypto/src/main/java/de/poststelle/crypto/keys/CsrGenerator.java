package de.poststelle.crypto.keys;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/** A new key pair for the tenant and its certificate request (PKCS#10) to take to a CA. */
public final class CsrGenerator {

    public enum Algorithm {
        RSA_3072, EC_P256
    }

    /** The key pair and the DER-encoded request. */
    public record GeneratedKey(KeyPair keys, byte[] csr, String subject) {
    }

    private CsrGenerator() {
    }

    /**
     * {@code commonName} names the authority or person; with an {@code email} the request asks for
     * it as subject alternative name, so the certificate serves S/MIME for that address.
     */
    public static GeneratedKey generate(Algorithm algorithm, String commonName, Optional<String> email) {
        if (commonName == null || commonName.isBlank()) {
            throw new KeyMaterialException("common-name", "a name (CN) for the certificate is required");
        }
        try {
            KeyPair keys = keyPair(algorithm);
            X500Name subject = new X500Name(new RDN[]{new RDN(BCStyle.CN, new DERUTF8String(commonName.strip()))});
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(algorithm == Algorithm.RSA_3072
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                    : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            if (email.isPresent()) {
                extensions.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email.get())));
            }
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(algorithm == Algorithm.RSA_3072 ? "SHA256withRSA"
                            : "SHA256withECDSA").build(keys.getPrivate()));
            return new GeneratedKey(keys, request.getEncoded(), subject.toString());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keyPair(Algorithm algorithm) throws GeneralSecurityException {
        if (algorithm == Algorithm.RSA_3072) {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(3072);
            return rsa.generateKeyPair();
        }
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        return ec.generateKeyPair();
    }

    /** Whether {@code certificate} was issued for the key of this request. */
    public static boolean certifies(byte[] csr, X509Certificate certificate) {
        try {
            return Arrays.equals(new PKCS10CertificationRequest(csr).getSubjectPublicKeyInfo().getEncoded(),
                    certificate.getPublicKey().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pem(byte[] csr) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new PKCS10CertificationRequest(csr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
