package de.poststelle.admin.testapp;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** Key material made in the test: a CA that issues S/MIME certificates, PKCS#12 files, OpenPGP keys. */
public final class TestKeys {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    public record Identity(KeyPair keys, X509Certificate certificate) {
    }

    public final KeyPair caKeys;
    public final X509Certificate ca;

    public TestKeys(String caName) throws Exception {
        caKeys = ecKeys();
        X500Name name = new X500Name("CN=" + caName);
        ca = sign(new JcaX509v3CertificateBuilder(name, serial(), Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(3650))), name, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
    }

    public Identity issue(String email) throws Exception {
        KeyPair keys = ecKeys();
        return new Identity(keys, certify(email, keys.getPublic()));
    }

    /** What the CA issues for a certificate request. */
    public X509Certificate issue(byte[] csr) throws Exception {
        PKCS10CertificationRequest request = new PKCS10CertificationRequest(csr);
        PublicKey key = new JcaPKCS10CertificationRequest(request).getPublicKey();
        return certify("amt@csr.example", key);
    }

    private X509Certificate certify(String email, PublicKey key) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(Duration.ofDays(365))),
                new X500Name("CN=" + email), key)
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        return sign(builder);
    }

    public byte[] pkcs12(Identity identity, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", identity.keys().getPrivate(), password.toCharArray(),
                new X509Certificate[]{identity.certificate(), ca});
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        store.store(file, password.toCharArray());
        return file.toByteArray();
    }

    public static String pem(Object... objects) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
        }
        return text.toString();
    }

    /**
     * An armored OpenPGP public key with one user id, made a day ago: the test application's clock
     * stands still, and a key is only read at times after its self-signature.
     */
    public static String pgpPublicKey(String userId) throws Exception {
        Date created = Date.from(Instant.now().minus(Duration.ofDays(1)));
        JcaPGPKeyPair primary = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.ECDSA, ecKeys(), created);
        PGPSignatureSubpacketGenerator selfSignature = new PGPSignatureSubpacketGenerator();
        selfSignature.setSignatureCreationTime(true, created);
        PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
                selfSignature.generate(), null,
                new JcaPGPContentSignerBuilder(PGPPublicKey.ECDSA, HashAlgorithmTags.SHA256), null);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(text)) {
            armored.write(rings.generatePublicKeyRing().getEncoded());
        }
        return text.toString();
    }

    /** An armored OpenPGP secret key protected by {@code passphrase}, made a day ago (see {@link #pgpPublicKey}). */
    public static String pgpSecretKey(String userId, String passphrase) throws Exception {
        return new BcOpenPGPApi().generateKey(PublicKeyPacket.VERSION_4,
                        Date.from(Instant.now().minus(Duration.ofDays(1))), false)
                .withPrimaryKey(g -> g.generateNistP256ECDSAKeyPair()).addUserId(userId)
                .addSigningSubkey(g -> g.generateNistP256ECDSAKeyPair())
                .addEncryptionSubkey(g -> g.generateNistP256ECDHKeyPair())
                .build(passphrase.toCharArray()).toAsciiArmoredString();
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }
}
