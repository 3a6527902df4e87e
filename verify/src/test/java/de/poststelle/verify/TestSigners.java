package de.poststelle.verify;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test PKI made on the fly: a trusted CA with a current signer and an expired signer, and an
 * unknown CA with its own signer. Each signer is kept as a PKCS#12 file's bytes, as a real user's
 * soft token would be. The trusted CA publishes a CRL over HTTP on loopback, named in its
 * signers' certificates, so validation fetches revocation data as it would in production.
 */
public final class TestSigners implements AutoCloseable {

    static final char[] PASSWORD = "test".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A signer: its PKCS#12 bytes and its certificate chain (signer first). */
    public record Signer(byte[] pkcs12, PrivateKey key, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.getFirst();
        }
    }

    private final HttpServer crlServer;
    private final String crlUrl;
    public final X509Certificate trustedCa;
    public final Signer signer;
    final Signer expiredSigner;
    public final Signer strangerSigner;
    /** Holds a qualified certificate (QcCompliance, QcSSCD, QcType esign) from the trusted CA. */
    public final Signer qualifiedSigner;
    /** Signs the test trusted lists. */
    public final Signer trustedListSigner;

    public TestSigners() throws Exception {
        Instant now = Instant.now();
        crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        crlUrl = "http://127.0.0.1:" + crlServer.getAddress().getPort() + "/ca.crl";
        KeyPair caKeys = keyPair();
        String caName = "CN=Test-CA Landesverwaltung,O=Poststelle Test,C=DE";
        trustedCa = certificate(caName, caKeys, new X500Name(caName),
                caKeys.getPrivate(), now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(3650)), true, false);
        signer = issue("CN=Erika Mustermann,O=Stadt Musterstadt,C=DE", caKeys.getPrivate(), trustedCa,
                now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        expiredSigner = issue("CN=Max Abgelaufen,O=Stadt Musterstadt,C=DE", caKeys.getPrivate(), trustedCa,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));
        qualifiedSigner = issue("CN=Quirin Qualifiziert,O=Stadt Musterstadt,C=DE", caKeys.getPrivate(), trustedCa,
                now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)), true);
        trustedListSigner = issue("CN=Vertrauenslisten-Betreiber,O=Poststelle Test,C=DE", caKeys.getPrivate(), trustedCa,
                now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        KeyPair strangerCaKeys = keyPair();
        X509Certificate strangerCa = certificate("CN=Unbekannte CA,C=XX", strangerCaKeys, new X500Name("CN=Unbekannte CA,C=XX"),
                strangerCaKeys.getPrivate(), now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(3650)), true, false);
        strangerSigner = issue("CN=Fremder Unterzeichner,C=XX", strangerCaKeys.getPrivate(), strangerCa,
                now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        byte[] crl = emptyCrl(caKeys.getPrivate(), now);
        crlServer.createContext("/ca.crl", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, crl.length);
            try (var body = exchange.getResponseBody()) {
                body.write(crl);
            }
        });
        crlServer.start();
    }

    private byte[] emptyCrl(PrivateKey caKey, Instant now) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(trustedCa.getSubjectX500Principal().getEncoded()),
                Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey)).getEncoded();
    }

    @Override
    public void close() {
        crlServer.stop(0);
    }

    private Signer issue(String subject, PrivateKey caKey, X509Certificate ca, Instant from, Instant to)
            throws Exception {
        return issue(subject, caKey, ca, from, to, false);
    }

    private Signer issue(String subject, PrivateKey caKey, X509Certificate ca, Instant from, Instant to, boolean qualified)
            throws Exception {
        KeyPair keys = keyPair();
        X509Certificate certificate = certificate(subject, keys, X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                caKey, from, to, false, qualified);
        List<X509Certificate> chain = List.of(certificate, ca);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("signer", keys.getPrivate(), PASSWORD, chain.toArray(X509Certificate[]::new));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        return new Signer(out.toByteArray(), keys.getPrivate(), chain);
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private X509Certificate certificate(String subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                        Instant from, Instant to, boolean ca, boolean qualified) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), new X500Name(subject),
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, ca
                ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        if (!ca) {
            GeneralNames crl = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(crl), null, null)}));
        }
        if (qualified) {
            builder.addExtension(Extension.qCStatements, false, new DERSequence(new ASN1Encodable[] {
                    new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance),
                    new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD),
                    new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcType,
                            new DERSequence(ETSIQCObjectIdentifiers.id_etsi_qct_esign))}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }
}
