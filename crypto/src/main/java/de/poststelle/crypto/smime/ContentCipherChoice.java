package de.poststelle.crypto.smime;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilities;
import org.bouncycastle.asn1.smime.SMIMECapability;

/**
 * Picks the content cipher all recipients of one message can read: AES-GCM (the S/MIME 4.0
 * default) unless a recipient's certificate carries an S/MIME capabilities extension (RFC 4262)
 * that lists ciphers but no AES-GCM, then AES-CBC.
 */
public final class ContentCipherChoice {

    private static final List<ASN1ObjectIdentifier> GCM =
            List.of(NISTObjectIdentifiers.id_aes256_GCM, NISTObjectIdentifiers.id_aes128_GCM,
                    NISTObjectIdentifiers.id_aes192_GCM);

    private ContentCipherChoice() {
    }

    public static SmimeEncryptor.ContentCipher forRecipients(Collection<X509Certificate> certificates) {
        return certificates.stream().allMatch(ContentCipherChoice::readsGcm)
                ? SmimeEncryptor.ContentCipher.AES256_GCM
                : SmimeEncryptor.ContentCipher.AES256_CBC;
    }

    /** Whether the certificate allows AES-GCM; one without capabilities is taken to (RFC 8551 makes it a MUST). */
    public static boolean readsGcm(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(PKCSObjectIdentifiers.pkcs_9_at_smimeCapabilities.getId());
        if (extension == null) {
            return true;
        }
        try {
            SMIMECapabilities capabilities = SMIMECapabilities.getInstance(
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
            List<?> listed = capabilities.getCapabilities(null);
            return listed.isEmpty() || listed.stream()
                    .map(c -> ((SMIMECapability) c).getCapabilityID())
                    .anyMatch(GCM::contains);
        } catch (IOException | RuntimeException unreadable) {
            return true;
        }
    }
}
