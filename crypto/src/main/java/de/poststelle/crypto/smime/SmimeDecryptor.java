package de.poststelle.crypto.smime;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfoParser;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;

/**
 * Decrypts S/MIME {@code application/pkcs7-mime} messages with {@code smime-type=enveloped-data}
 * (EnvelopedData) or {@code authEnveloped-data} (AuthEnvelopedData, AES-GCM), for an RSA or EC
 * key. The content is streamed: the ciphertext is never held in memory.
 *
 * <p><b>Authenticated encryption and streaming:</b> for AES-GCM the tag is checked when the end of
 * the content is reached. Plaintext has then already been written to the output; if the check
 * fails, an {@link SmimeException} is thrown and the caller must discard what was written.
 */
public final class SmimeDecryptor {

    private static final int BUFFER = 64 * 1024;

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    /** @param certificate the certificate belonging to {@code privateKey}, used to find our RecipientInfo */
    public SmimeDecryptor(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    /**
     * Writes the whole decrypted message: the outer header fields other than {@code Content-*}
     * (From, To, Subject, ...) followed by the decrypted inner entity (its content header fields
     * and body). {@code out} is flushed, not closed.
     */
    public void decrypt(MessageSource message, OutputStream out) throws IOException, SmimeException {
        decrypt(message, out, true);
    }

    /** Writes only the decrypted inner MIME entity (content header fields and body), as openssl does. */
    public void decryptContent(MessageSource message, OutputStream out) throws IOException, SmimeException {
        decrypt(message, out, false);
    }

    /** Whether the message looks like S/MIME encrypted content (by its Content-Type). */
    public static boolean isEncrypted(MessageSource message) throws IOException {
        try (InputStream in = new BufferedInputStream(message.open(), 8192)) {
            String ct = MimeHeader.read(in).get("Content-Type");
            String smimeType = MimeHeader.parameter(ct, "smime-type");
            return isPkcs7Mime(ct) && (smimeType == null
                    || smimeType.equalsIgnoreCase("enveloped-data")
                    || smimeType.equalsIgnoreCase("authEnveloped-data"));
        }
    }

    private static boolean isPkcs7Mime(String contentType) {
        String type = MimeHeader.mediaType(contentType);
        return "application/pkcs7-mime".equals(type) || "application/x-pkcs7-mime".equals(type);
    }

    private void decrypt(MessageSource message, OutputStream out, boolean withOuterHeader)
            throws IOException, SmimeException {
        try (InputStream raw = new BufferedInputStream(message.open(), BUFFER)) {
            MimeHeader header = MimeHeader.read(raw);
            String ct = header.get("Content-Type");
            if (!isPkcs7Mime(ct)) {
                throw new SmimeException("not an S/MIME encrypted message (Content-Type: " + ct + ")");
            }
            String cte = header.get("Content-Transfer-Encoding");
            InputStream der = cte != null && cte.trim().toLowerCase(Locale.ROOT).equals("base64")
                    ? Base64.getMimeDecoder().wrap(raw)
                    : raw;
            InputStream cms = new BufferedInputStream(der, BUFFER);

            if (withOuterHeader) {
                for (MimeHeader.Field f : header.fields()) {
                    if (!f.isContentField()) {
                        f.writeTo(out);
                    }
                }
            }
            ASN1ObjectIdentifier type = peekContentType(cms);
            try {
                RecipientInformationStore store;
                boolean authenticated = CMSObjectIdentifiers.authEnvelopedData.equals(type);
                if (authenticated) {
                    store = new CMSAuthEnvelopedDataParser(cms).getRecipientInfos();
                } else if (CMSObjectIdentifiers.envelopedData.equals(type)) {
                    store = new CMSEnvelopedDataParser(cms).getRecipientInfos();
                } else {
                    throw new SmimeException("CMS content type " + type + " is not (auth)enveloped data");
                }
                RecipientInformation recipient = findRecipient(store.getRecipients());
                try (InputStream plain = recipient.getContentStream(recipientFor(authenticated)).getContentStream()) {
                    plain.transferTo(out);
                }
            } catch (CMSException e) {
                throw new SmimeException("decryption failed: " + e.getMessage(), e);
            } catch (IOException e) {
                // BC reports a failed GCM tag check as an IOException wrapping the cipher exception.
                if (e.getCause() instanceof java.security.GeneralSecurityException
                        || e.getClass().getName().contains("InvalidCipherText")) {
                    throw new SmimeException("decryption failed: " + e.getMessage(), e);
                }
                throw e;
            }
            out.flush();
        }
    }

    private static ASN1ObjectIdentifier peekContentType(InputStream in) throws IOException, SmimeException {
        in.mark(4096);
        try {
            Object o = new ASN1StreamParser(in).readObject();
            if (!(o instanceof ASN1SequenceParser seq)) {
                throw new SmimeException("content is not a CMS ContentInfo");
            }
            return new ContentInfoParser(seq).getContentType();
        } catch (IOException | RuntimeException e) {
            throw new SmimeException("content is not a CMS ContentInfo: " + e.getMessage(), e);
        } finally {
            in.reset();
        }
    }

    private RecipientInformation findRecipient(Collection<RecipientInformation> recipients) throws SmimeException {
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(certificate.getEncoded());
        } catch (CertificateEncodingException | IOException e) {
            throw new SmimeException("bad certificate: " + e.getMessage(), e);
        }
        for (RecipientInformation r : recipients) {
            RecipientId rid = r.getRID();
            if ((rid instanceof KeyTransRecipientId || rid instanceof KeyAgreeRecipientId) && rid.match(holder)) {
                return r;
            }
        }
        throw new SmimeException("message is not encrypted for " + certificate.getSubjectX500Principal()
                + " (" + recipients.size() + " other recipient(s))");
    }

    private Recipient recipientFor(boolean authenticated) {
        if ("RSA".equalsIgnoreCase(privateKey.getAlgorithm())) {
            return (authenticated ? new JceKeyTransAuthEnvelopedRecipient(privateKey)
                    : new JceKeyTransEnvelopedRecipient(privateKey)).setProvider(Bc.PROVIDER);
        }
        return (authenticated ? new JceKeyAgreeAuthEnvelopedRecipient(privateKey)
                : new JceKeyAgreeEnvelopedRecipient(privateKey)).setProvider(Bc.PROVIDER);
    }
}
