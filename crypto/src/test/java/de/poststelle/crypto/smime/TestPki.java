package de.poststelle.crypto.smime;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilities;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway test CA issuing S/MIME end-entity certificates (RSA-3072, EC P-256) and TLS server certificates. */
public final class TestPki {

    public record Identity(String email, PrivateKey key, X509Certificate cert, List<X509Certificate> chain) {
        /** Writes cert.pem and key.pem (PKCS#8) into {@code dir}, returns {cert, key}. */
        public Path[] writePem(Path dir, String name) {
            Path c = dir.resolve(name + "-cert.pem");
            Path k = dir.resolve(name + "-key.pem");
            try {
                Files.writeString(c, pem(cert));
                Files.writeString(k, pem(new JcaPKCS8Generator(key, null).generate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Path[] {c, k};
        }
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair caKeys;
    public final X509Certificate caCert;

    public TestPki() throws Exception {
        caKeys = rsa(3072);
        X500Name name = new X500Name("CN=Poststelle Test CA, O=Poststelle Test, C=DE");
        Instant now = Instant.now();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(caKeys.getPublic()));
        caCert = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER)
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER)
                        .build(caKeys.getPrivate())));
    }

    public Identity rsaUser(String email) throws Exception {
        return issue(email, rsa(3072), KeyUsage.digitalSignature | KeyUsage.keyEncipherment, false);
    }

    /** An RSA user whose certificate announces (RFC 4262 S/MIME capabilities) that it reads AES-CBC only. */
    public Identity rsaUserReadingOnlyCbc(String email) throws Exception {
        return issue(email, rsa(3072), KeyUsage.digitalSignature | KeyUsage.keyEncipherment, true);
    }

    public Identity ecUser(String email) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        return issue(email, kpg.generateKeyPair(), KeyUsage.digitalSignature | KeyUsage.keyAgreement, false);
    }

    /** A TLS server certificate (RSA) for {@code host}, e.g. {@code localhost}. */
    public Identity tlsServer(String host) throws Exception {
        return issue(host, rsa(2048), KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                KeyPurposeId.id_kp_serverAuth, new GeneralName(GeneralName.dNSName, host), false);
    }

    private Identity issue(String email, KeyPair keys, int keyUsage, boolean cbcOnly) throws Exception {
        return issue(email, keys, keyUsage, KeyPurposeId.id_kp_emailProtection,
                new GeneralName(GeneralName.rfc822Name, email), cbcOnly);
    }

    private Identity issue(String name, KeyPair keys, int keyUsage, KeyPurposeId purpose, GeneralName altName,
                           boolean cbcOnly) throws Exception {
        Instant now = Instant.now();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=" + name + ", O=Poststelle Test, C=DE"), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altName))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert));
        if (cbcOnly) {
            SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
            capabilities.addCapability(SMIMECapability.aES256_CBC);
            b.addExtension(PKCSObjectIdentifiers.pkcs_9_at_smimeCapabilities, false,
                    new SMIMECapabilities(new DERSequence(capabilities.toASN1EncodableVector())));
        }
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER)
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER)
                        .build(caKeys.getPrivate())));
        return new Identity(name, keys.getPrivate(), cert, List.of(cert, caCert));
    }

    public Path writeCaPem(Path dir) throws IOException {
        Path p = dir.resolve("ca.pem");
        Files.writeString(p, pem(caCert));
        return p;
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA", Bc.PROVIDER);
        kpg.initialize(bits);
        return kpg.generateKeyPair();
    }

    public static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
