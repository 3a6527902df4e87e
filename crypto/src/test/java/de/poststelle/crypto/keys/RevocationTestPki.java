package de.poststelle.crypto.keys;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throwaway CA for trust tests, with a local HTTP server that publishes its CRL and answers OCSP
 * requests (BouncyCastle's responder builder), counting the requests it gets.
 */
final class RevocationTestPki implements AutoCloseable {

    record Identity(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {
    }

    /** Where an end-entity certificate says its revocation status is published. */
    enum Revocation { CRL, OCSP, UNREACHABLE_CRL }

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    final KeyPair caKeys;
    final X509Certificate ca;
    final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    final AtomicInteger crlRequests = new AtomicInteger();
    final AtomicInteger ocspRequests = new AtomicInteger();
    private final HttpServer server;
    private final Instant now;

    RevocationTestPki(String name, Instant now) throws Exception {
        this.now = now;
        caKeys = ecKeys();
        X500Name subject = new X500Name("CN=" + name + ", O=Poststelle Test, C=DE");
        ca = sign(new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofDays(30))),
                Date.from(now.plus(Duration.ofDays(3650))), subject, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/crl", exchange -> {
            crlRequests.incrementAndGet();
            respond(exchange, "application/pkix-crl", crl());
        });
        server.createContext("/ocsp", exchange -> {
            ocspRequests.incrementAndGet();
            respond(exchange, "application/ocsp-response", ocsp(request(exchange)));
        });
        server.start();
    }

    Identity issue(String email, Revocation revocation, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=" + email), keys.getPublic())
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        switch (revocation) {
            case CRL -> builder.addExtension(Extension.cRLDistributionPoints, false, crlPoint(base + "/crl"));
            case UNREACHABLE_CRL -> builder.addExtension(Extension.cRLDistributionPoints, false,
                    crlPoint("http://127.0.0.1:" + closedPort() + "/crl"));
            case OCSP -> builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, base + "/ocsp"))));
        }
        X509Certificate certificate = sign(builder);
        return new Identity(keys.getPrivate(), certificate, List.of(certificate, ca));
    }

    Identity issue(String email, Revocation revocation) throws Exception {
        return issue(email, revocation, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    private static CRLDistPoint crlPoint(String url) {
        return new CRLDistPoint(new DistributionPoint[]{new DistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null)});
    }

    /** A port nothing listens on: bound once, then released. */
    private static int closedPort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private byte[] crl() {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                    Date.from(now.minus(Duration.ofHours(1))));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
            revoked.forEach(serial -> builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofHours(2))),
                    CRLReason.keyCompromise));
            return builder.build(signer()).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK asks with GET (request Base64 in the path) when it is short, else with POST. */
    private static byte[] request(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            String path = exchange.getRequestURI().getRawPath();
            String encoded = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.US_ASCII);
            return Base64.getDecoder().decode(encoded);
        }
        try (InputStream body = exchange.getRequestBody()) {
            return body.readAllBytes();
        }
    }

    private byte[] ocsp(byte[] requestBytes) {
        try {
            OCSPReq request = new OCSPReq(requestBytes);
            BasicOCSPRespBuilder response = new BasicOCSPRespBuilder(new RespID(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded())));
            for (Req single : request.getRequestList()) {
                CertificateStatus status = revoked.contains(single.getCertID().getSerialNumber())
                        ? new RevokedStatus(Date.from(now.minus(Duration.ofHours(2))), CRLReason.keyCompromise)
                        : CertificateStatus.GOOD;
                response.addResponse(single.getCertID(), status, Date.from(now.minus(Duration.ofMinutes(5))),
                        Date.from(now.plus(Duration.ofHours(1))));
            }
            var nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                response.setResponseExtensions(new org.bouncycastle.asn1.x509.Extensions(nonce));
            }
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, response.build(signer(),
                    new X509CertificateHolder[]{new JcaX509CertificateHolder(ca)}, Date.from(now))).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private ContentSigner signer() throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer()));
    }

    static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
