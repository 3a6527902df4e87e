package de.poststelle.crypto.smime;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import de.poststelle.crypto.mime.Streams;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * S/MIME 4.0 (RFC 8551) encryption of a whole message, streamed from a {@link MessageSource} to
 * an {@link OutputStream}.
 *
 * <p>The original header fields other than {@code Content-*} (From, To, Subject, Date,
 * Message-ID, Received, ...) stay in front, in clear. The {@code Content-*} fields and the body
 * become the inner MIME entity, which is canonicalised to CRLF line ends, encrypted and written
 * base64-encoded as {@code application/pkcs7-mime; name=smime.p7m}. Nothing of the message is
 * held in memory beyond small buffers and the header block.
 *
 * <p>Recipients: RSA certificates get RSAES-OAEP (SHA-256, MGF1-SHA-256) key transport; EC
 * certificates get ephemeral-static ECDH with the ANSI X9.63 KDF (SHA-256) and AES-256 key wrap
 * (RFC 5753), one fresh ephemeral key per EC recipient. Thread-safe and stateless.
 */
public final class SmimeEncryptor {

    /** Content encryption; the caller chooses per message. */
    public enum ContentCipher {
        /** AuthEnvelopedData (RFC 5083/5084), {@code smime-type=authEnveloped-data}. The S/MIME 4.0 default. */
        AES256_GCM,
        /** EnvelopedData, {@code smime-type=enveloped-data}, for recipients without AES-GCM support. */
        AES256_CBC
    }

    private static final int BUFFER = 64 * 1024;

    /** Encrypts with {@link ContentCipher#AES256_GCM}. */
    public void encrypt(MessageSource message, Collection<X509Certificate> recipients, OutputStream out)
            throws IOException, SmimeException {
        encrypt(message, recipients, ContentCipher.AES256_GCM, out);
    }

    /**
     * Writes the encrypted message to {@code out} (which is flushed, not closed).
     *
     * @param recipients at least one; each gets its own RecipientInfo, all can decrypt
     */
    public void encrypt(MessageSource message, Collection<X509Certificate> recipients, ContentCipher cipher,
            OutputStream out) throws IOException, SmimeException {
        if (recipients.isEmpty()) {
            throw new SmimeException("no recipient certificates");
        }
        List<RecipientInfoGenerator> infos = recipientInfos(recipients);
        try (InputStream in = new BufferedInputStream(message.open(), BUFFER)) {
            MimeHeader header = MimeHeader.read(in);
            OutputStream buffered = new BufferedOutputStream(Streams.closeShield(out), BUFFER);

            // Outer header: everything but the content fields, then our own content fields.
            boolean mimeVersion = false;
            for (MimeHeader.Field f : header.fields()) {
                if (!f.isContentField()) {
                    f.writeTo(buffered);
                    mimeVersion |= f.name().equalsIgnoreCase("MIME-Version");
                }
            }
            String smimeType = cipher == ContentCipher.AES256_GCM ? "authEnveloped-data" : "enveloped-data";
            StringBuilder h = new StringBuilder();
            if (!mimeVersion) {
                h.append("MIME-Version: 1.0\r\n");
            }
            h.append("Content-Type: application/pkcs7-mime; smime-type=").append(smimeType)
                    .append("; name=smime.p7m\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n")
                    .append("Content-Disposition: attachment; filename=smime.p7m\r\n")
                    .append("Content-Description: S/MIME Encrypted Message\r\n")
                    .append("\r\n");
            buffered.write(h.toString().getBytes(StandardCharsets.US_ASCII));

            OutputStream base64 = Base64.getMimeEncoder().wrap(Streams.closeShield(buffered));
            // Closing "plain" closes the CMS stream, which writes the MAC / trailer.
            try (OutputStream plain = Streams.canonicalLineEnds(openCms(cipher, infos, base64))) {
                // Inner entity: the content fields, or a default Content-Type if there were none.
                boolean contentType = false;
                for (MimeHeader.Field f : header.fields()) {
                    if (f.isContentField()) {
                        f.writeTo(plain);
                        contentType |= f.name().equalsIgnoreCase("Content-Type");
                    }
                }
                if (!contentType) {
                    plain.write("Content-Type: text/plain; charset=us-ascii\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                plain.write('\r');
                plain.write('\n');
                in.transferTo(plain);
            }
            base64.close();
            buffered.write('\r');
            buffered.write('\n');
            buffered.flush();
        }
    }

    private static OutputStream openCms(ContentCipher cipher, List<RecipientInfoGenerator> infos, OutputStream out)
            throws IOException, SmimeException {
        try {
            if (cipher == ContentCipher.AES256_GCM) {
                CMSAuthEnvelopedDataStreamGenerator gen = new CMSAuthEnvelopedDataStreamGenerator();
                infos.forEach(gen::addRecipientInfoGenerator);
                OutputEncryptor enc = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                        .setProvider(Bc.PROVIDER).build();
                return gen.open(out, (OutputAEADEncryptor) enc);
            }
            CMSEnvelopedDataStreamGenerator gen = new CMSEnvelopedDataStreamGenerator();
            infos.forEach(gen::addRecipientInfoGenerator);
            OutputEncryptor enc = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                    .setProvider(Bc.PROVIDER).build();
            return gen.open(out, enc);
        } catch (CMSException e) {
            throw new SmimeException("cannot start CMS encryption: " + e.getMessage(), e);
        }
    }

    private static List<RecipientInfoGenerator> recipientInfos(Collection<X509Certificate> recipients)
            throws SmimeException {
        List<RecipientInfoGenerator> result = new java.util.ArrayList<>();
        for (X509Certificate cert : recipients) {
            result.add(recipientInfo(cert));
        }
        return result;
    }

    static RecipientInfoGenerator recipientInfo(X509Certificate cert) throws SmimeException {
        PublicKey key = cert.getPublicKey();
        try {
            if (key instanceof RSAPublicKey) {
                AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(
                        PKCSObjectIdentifiers.id_RSAES_OAEP,
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
                return new JceKeyTransRecipientInfoGenerator(cert, oaep).setProvider(Bc.PROVIDER);
            }
            if (key instanceof ECPublicKey ec) {
                KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
                kpg.initialize(ec.getParams());
                KeyPair ephemeral = kpg.generateKeyPair();
                ASN1ObjectIdentifier kdf = CMSAlgorithm.ECDH_SHA256KDF;
                return new JceKeyAgreeRecipientInfoGenerator(kdf, ephemeral.getPrivate(), ephemeral.getPublic(),
                        CMSAlgorithm.AES256_WRAP).addRecipient(cert).setProvider(Bc.PROVIDER);
            }
        } catch (GeneralSecurityException e) {
            throw new SmimeException("cannot use recipient certificate " + cert.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
        throw new SmimeException("unsupported recipient key type " + key.getAlgorithm() + " in "
                + cert.getSubjectX500Principal());
    }
}
