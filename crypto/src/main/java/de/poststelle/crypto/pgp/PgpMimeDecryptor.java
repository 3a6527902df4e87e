package de.poststelle.crypto.pgp;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import de.poststelle.crypto.mime.MultipartReader;
import de.poststelle.crypto.mime.Streams;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredInputException;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPKey;

/**
 * Decrypts PGP/MIME {@code multipart/encrypted; protocol="application/pgp-encrypted"} messages
 * (RFC 3156 section 4) with the secret keys the gateway holds for a recipient. Streamed: the
 * ciphertext is never held in memory.
 *
 * <p>Only integrity-protected data is accepted (SEIPD v1 with its modification detection code,
 * SEIPD v2 / AEAD); the old unprotected packet is refused (EFAIL). As with streaming AEAD,
 * the check completes at the end of the data: plaintext has then already been written, and if it
 * fails, a {@link PgpException} is thrown and the caller must discard what was written.
 *
 * <p>A signature inside the OpenPGP message (RFC 3156 section 6.2, "gpg --sign --encrypt") is not
 * verified here; a {@code multipart/signed} inner entity (section 6.1) is, by
 * {@link PgpMimeVerifier} on the decrypted output.
 */
public final class PgpMimeDecryptor {

    private static final int BUFFER = 64 * 1024;

    private final List<OpenPGPKey> keys;

    /** @param secretKeys transferable secret keys without passphrase, binary (as the key store hands them out) or armored */
    public PgpMimeDecryptor(List<byte[]> secretKeys) throws PgpException {
        List<OpenPGPKey> parsed = new ArrayList<>();
        for (byte[] key : secretKeys) {
            parsed.add(PgpKeys.secretKey(key));
        }
        this.keys = List.copyOf(parsed);
    }

    /** Whether the message is PGP/MIME encrypted (by its Content-Type). */
    public static boolean isEncrypted(MessageSource message) throws IOException {
        try (InputStream in = new BufferedInputStream(message.open(), 8192)) {
            return isEncrypted(MimeHeader.read(in).get("Content-Type"));
        }
    }

    private static boolean isEncrypted(String contentType) {
        return "multipart/encrypted".equals(MimeHeader.mediaType(contentType))
                && "application/pgp-encrypted".equalsIgnoreCase(MimeHeader.parameter(contentType, "protocol"));
    }

    /**
     * Writes the whole decrypted message: the outer header fields other than {@code Content-*}
     * (From, To, Subject, ...) followed by the decrypted inner entity. {@code out} is flushed, not
     * closed.
     *
     * @return the fingerprint of the key (primary key) that opened the message
     */
    public String decrypt(MessageSource message, OutputStream out) throws IOException, PgpException {
        try (InputStream raw = new BufferedInputStream(message.open(), BUFFER)) {
            MimeHeader header = MimeHeader.read(raw);
            String contentType = header.get("Content-Type");
            String boundary = MimeHeader.parameter(contentType, "boundary");
            if (!isEncrypted(contentType) || boundary == null) {
                throw new PgpException("not a PGP/MIME encrypted message (Content-Type: " + contentType + ")");
            }
            MultipartReader parts = new MultipartReader(raw, boundary);
            InputStream version = parts.nextPart();
            InputStream encrypted = version == null ? null : parts.nextPart();
            if (encrypted == null) {
                throw new PgpException("multipart/encrypted without its two parts");
            }
            MimeHeader.read(encrypted);
            OutputStream buffered = new BufferedOutputStream(Streams.closeShield(out), BUFFER);
            header.writeOuterFields(buffered);
            String fingerprint = decrypt(PGPUtil.getDecoderStream(encrypted), buffered);
            buffered.flush();
            return fingerprint;
        }
    }

    private String decrypt(InputStream openPgp, OutputStream out) throws IOException, PgpException {
        try {
            PGPEncryptedDataList list = firstOf(PgpKeys.IMPLEMENTATION.pgpObjectFactory(openPgp),
                    PGPEncryptedDataList.class);
            for (PGPEncryptedData data : list) {
                if (!(data instanceof PGPPublicKeyEncryptedData encrypted)) {
                    continue;
                }
                for (OpenPGPKey key : keys) {
                    OpenPGPKey.OpenPGPSecretKey secret = secretKeyFor(key, encrypted.getKeyIdentifier());
                    if (secret != null) {
                        open(encrypted, secret, out);
                        return PgpKeys.hex(key.getFingerprint());
                    }
                }
            }
            List<String> recipients = new ArrayList<>();
            for (PGPEncryptedData data : list) {
                if (data instanceof PGPPublicKeyEncryptedData encrypted) {
                    recipients.add(encrypted.getKeyIdentifier().toString());
                }
            }
            throw new PgpException("message is not encrypted to any of our " + keys.size() + " key(s) (recipients: "
                    + String.join(", ", recipients) + ")");
        } catch (PGPException e) {
            throw new PgpException("decryption failed: " + e.getMessage(), e);
        } catch (ArmoredInputException e) {
            throw new PgpException("damaged OpenPGP armor: " + e.getMessage(), e);
        }
    }

    private static OpenPGPKey.OpenPGPSecretKey secretKeyFor(OpenPGPKey key, KeyIdentifier recipient) {
        if (recipient.isWildcard()) {
            return null;
        }
        OpenPGPKey.OpenPGPSecretKey secret = key.getSecretKey(recipient);
        return secret != null && secret.getPublicKey().isEncryptionKey() ? secret : null;
    }

    private static void open(PGPPublicKeyEncryptedData encrypted, OpenPGPKey.OpenPGPSecretKey secret,
            OutputStream out) throws IOException, PGPException, PgpException {
        if (!encrypted.isIntegrityProtected() && !encrypted.isAEAD()) {
            throw new PgpException("message is not integrity protected; refused");
        }
        InputStream plain = encrypted.getDataStream(PgpKeys.IMPLEMENTATION.publicKeyDataDecryptorFactory(
                secret.unlock().getKeyPair().getPrivateKey()));
        try {
            PGPObjectFactory objects = PgpKeys.IMPLEMENTATION.pgpObjectFactory(plain);
            Object o = nextContent(objects);
            if (o instanceof PGPCompressedData compressed) {
                objects = PgpKeys.IMPLEMENTATION.pgpObjectFactory(compressed.getDataStream());
                o = firstOf(objects, PGPLiteralData.class);
            }
            if (!(o instanceof PGPLiteralData literal)) {
                throw new PgpException("encrypted data holds no literal data packet");
            }
            literal.getDataStream().transferTo(out);
            // Read to the very end (signatures, padding): only there are the last AEAD tags checked.
            plain.transferTo(OutputStream.nullOutputStream());
            if (!encrypted.isAEAD() && !encrypted.verify()) {
                throw new PgpException("message was modified: integrity check failed");
            }
        } catch (IOException e) {
            // BC reports a failed AEAD tag or a corrupt packet stream inside the ciphertext as an IOException.
            throw new PgpException("decryption failed, message damaged or modified: " + e.getMessage(), e);
        }
    }

    /** The next object, skipping markers, padding and the one-pass signatures of a signed message. */
    private static Object nextContent(PGPObjectFactory objects) throws IOException {
        Object o = objects.nextObject();
        while (o instanceof PGPMarker || o instanceof PGPPadding
                || o instanceof PGPOnePassSignatureList) {
            o = objects.nextObject();
        }
        return o;
    }

    private static <T> T firstOf(PGPObjectFactory objects, Class<T> type) throws IOException, PgpException {
        Object o = nextContent(objects);
        if (!type.isInstance(o)) {
            throw new PgpException("expected " + type.getSimpleName() + " but found "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()));
        }
        return type.cast(o);
    }
}
