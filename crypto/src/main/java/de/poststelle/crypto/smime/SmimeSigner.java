package de.poststelle.crypto.smime;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import de.poststelle.crypto.mime.Streams;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.asn1.smime.SMIMEEncryptionKeyPreferenceAttribute;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Signs a whole message as S/MIME {@code multipart/signed; protocol="application/pkcs7-signature";
 * micalg=sha-256} (RFC 8551 section 3.5.3), streamed from a {@link MessageSource} to an
 * {@link OutputStream}: the content passes through the digest once and only the small signature is
 * buffered.
 *
 * <p>The original non-{@code Content-*} header fields stay in front; the {@code Content-*} fields
 * and the body form the signed first part, canonicalised to CRLF. Signed attributes: content type,
 * signing time, message digest, CMS algorithm protection, SMIMECapabilities (AES-256-GCM,
 * AES-256-CBC, AES-128-GCM, AES-128-CBC) and SMIMEEncryptionKeyPreference (the signer's
 * certificate). RSA keys sign with SHA256withRSA, EC keys with SHA256withECDSA.
 *
 * <p>Limitation: content with {@code Content-Transfer-Encoding: 8bit} or {@code binary} is signed
 * as it is; RFC 8551 asks for 7-bit transfer encoding before signing so that relays do not change
 * it. Converting is left to a later stage.
 */
public final class SmimeSigner {

    private static final int BUFFER = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final String signatureAlgorithm;

    /**
     * @param chain the signer's certificate first, then (optionally) its issuers; all are embedded
     */
    public SmimeSigner(PrivateKey privateKey, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.signatureAlgorithm = switch (privateKey.getAlgorithm().toUpperCase(java.util.Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + privateKey.getAlgorithm());
        };
    }

    /** Writes the signed message to {@code out} (flushed, not closed). */
    public void sign(MessageSource message, OutputStream out) throws IOException, SmimeException {
        CMSSignedDataStreamGenerator gen = generator();
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String boundary = "----=_smime_" + HexFormat.of().formatHex(random);

        try (InputStream in = new BufferedInputStream(message.open(), BUFFER)) {
            MimeHeader header = MimeHeader.read(in);
            OutputStream buffered = new BufferedOutputStream(Streams.closeShield(out), BUFFER);
            boolean mimeVersion = false;
            for (MimeHeader.Field f : header.fields()) {
                if (!f.isContentField()) {
                    f.writeTo(buffered);
                    mimeVersion |= f.name().equalsIgnoreCase("MIME-Version");
                }
            }
            StringBuilder h = new StringBuilder();
            if (!mimeVersion) {
                h.append("MIME-Version: 1.0\r\n");
            }
            h.append("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;\r\n")
                    .append("\tboundary=\"").append(boundary).append("\"\r\n")
                    .append("\r\n")
                    .append("This is an S/MIME signed message\r\n")
                    .append("\r\n--").append(boundary).append("\r\n");
            buffered.write(ascii(h));

            ByteArrayOutputStream signature = new ByteArrayOutputStream(8192);
            // The signed part: from its first header octet to the CRLF before the closing boundary
            // line, exclusive (RFC 1847: that CRLF belongs to the boundary).
            {
                OutputStream signer = gen.open(signature, false);
                // Closing "both" closes the signer stream, which writes the SignedData.
                try (OutputStream both = Streams.canonicalLineEnds(new Tee(Streams.closeShield(buffered), signer))) {
                boolean contentType = false;
                for (MimeHeader.Field f : header.fields()) {
                    if (f.isContentField()) {
                        f.writeTo(both);
                        contentType |= f.name().equalsIgnoreCase("Content-Type");
                    }
                }
                if (!contentType) {
                    both.write(ascii(new StringBuilder("Content-Type: text/plain; charset=us-ascii\r\n")));
                }
                both.write('\r');
                both.write('\n');
                in.transferTo(both);
                }
            }

            StringBuilder s = new StringBuilder()
                    .append("\r\n--").append(boundary).append("\r\n")
                    .append("Content-Type: application/pkcs7-signature; name=smime.p7s\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n")
                    .append("Content-Disposition: attachment; filename=smime.p7s\r\n")
                    .append("Content-Description: S/MIME Cryptographic Signature\r\n")
                    .append("\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(signature.toByteArray()))
                    .append("\r\n\r\n--").append(boundary).append("--\r\n");
            buffered.write(ascii(s));
            buffered.flush();
        }
    }

    private static byte[] ascii(StringBuilder s) {
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private CMSSignedDataStreamGenerator generator() throws SmimeException {
        try {
            X509Certificate signerCert = chain.getFirst();
            SMIMECapabilityVector caps = new SMIMECapabilityVector();
            caps.addCapability(NISTObjectIdentifiers.id_aes256_GCM);
            caps.addCapability(SMIMECapability.aES256_CBC);
            caps.addCapability(NISTObjectIdentifiers.id_aes128_GCM);
            caps.addCapability(SMIMECapability.aES128_CBC);
            ASN1EncodableVector attrs = new ASN1EncodableVector();
            attrs.add(new SMIMECapabilitiesAttribute(caps));
            attrs.add(new SMIMEEncryptionKeyPreferenceAttribute(new IssuerAndSerialNumber(
                    X500Name.getInstance(signerCert.getIssuerX500Principal().getEncoded()),
                    signerCert.getSerialNumber())));

            SignerInfoGenerator signerInfo = new JcaSimpleSignerInfoGeneratorBuilder()
                    .setProvider(Bc.PROVIDER)
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                    .build(signatureAlgorithm, privateKey, signerCert);
            CMSSignedDataStreamGenerator gen = new CMSSignedDataStreamGenerator();
            gen.addSignerInfoGenerator(signerInfo);
            gen.addCertificates(new JcaCertStore(chain));
            return gen;
        } catch (OperatorCreationException | CertificateEncodingException | CMSException e) {
            throw new SmimeException("cannot set up signer: " + e.getMessage(), e);
        }
    }

    /** Writes to two streams; closes both. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                a.close();
            } finally {
                b.close();
            }
        }
    }
}
