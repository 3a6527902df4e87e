package de.poststelle.crypto.pgp;

import static de.poststelle.crypto.pgp.PgpMimeSigner.write;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import de.poststelle.crypto.mime.Streams;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPMessageGenerator;
import org.bouncycastle.openpgp.api.exception.InvalidEncryptionKeyException;

/**
 * PGP/MIME encryption of a whole message (RFC 3156 section 4), streamed from a
 * {@link MessageSource} to an {@link OutputStream}: {@code multipart/encrypted;
 * protocol="application/pgp-encrypted"} with the version part and the armored OpenPGP message.
 *
 * <p>The original non-{@code Content-*} header fields (From, To, Subject, Date, Message-ID,
 * Received, ...) stay in front, in clear. The {@code Content-*} fields and the body become the inner
 * MIME entity, canonicalised to CRLF and encrypted to every recipient key at once. Each key's valid
 * encryption subkeys are used. BouncyCastle negotiates the format from all recipients' key
 * features: SEIPD v2 (AEAD, RFC 9580) only if every recipient supports it, else SEIPD v1 with its
 * modification detection code, which every OpenPGP implementation in use reads.
 *
 * <p>Sign and encrypt follows RFC 3156 section 6.1: the message is signed as {@code
 * multipart/signed} first, and that entity is encrypted. Thread-safe and stateless.
 */
public final class PgpMimeEncryptor {

    private static final int BUFFER = 64 * 1024;

    /**
     * Writes the encrypted message to {@code out} (flushed, not closed).
     *
     * @param recipientKeys transferable public keys (binary or armored), at least one; each must have
     *     a valid encryption key
     */
    public void encrypt(MessageSource message, Collection<byte[]> recipientKeys, OutputStream out)
            throws IOException, PgpException {
        encrypt(message, recipientKeys, out, (header, body, plain) -> {
            header.writeContentFields(plain);
            plain.write('\r');
            plain.write('\n');
            body.transferTo(plain);
        });
    }

    /** Signs with {@code signer}, then encrypts the signed entity (RFC 3156 section 6.1). */
    public void signAndEncrypt(MessageSource message, Collection<byte[]> recipientKeys, PgpMimeSigner signer,
            OutputStream out) throws IOException, PgpException {
        encrypt(message, recipientKeys, out, signer::writeSignedEntity);
    }

    /** Writes the inner entity that gets encrypted. */
    private interface InnerEntity {
        void write(MimeHeader header, InputStream body, OutputStream plain) throws IOException, PgpException;
    }

    private void encrypt(MessageSource message, Collection<byte[]> recipientKeys, OutputStream out,
            InnerEntity inner) throws IOException, PgpException {
        OpenPGPMessageGenerator generator = generator(recipientKeys);
        try (InputStream in = new BufferedInputStream(message.open(), BUFFER)) {
            MimeHeader header = MimeHeader.read(in);
            OutputStream buffered = new BufferedOutputStream(Streams.closeShield(out), BUFFER);
            header.writeOuterFields(buffered);
            String boundary = PgpKeys.boundary("----=_pgp_encrypted_");
            write(buffered, "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";\r\n"
                    + "\tboundary=\"" + boundary + "\"\r\n"
                    + "\r\n"
                    + "This is an OpenPGP/MIME encrypted message (RFC 3156).\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Type: application/pgp-encrypted\r\n"
                    + "Content-Description: PGP/MIME version identification\r\n"
                    + "\r\n"
                    + "Version: 1\r\n"
                    + "\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Type: application/octet-stream; name=\"encrypted.asc\"\r\n"
                    + "Content-Description: OpenPGP encrypted message\r\n"
                    + "Content-Disposition: inline; filename=\"encrypted.asc\"\r\n"
                    + "\r\n");
            // The armor writes LF line ends, octet by octet; mail needs CRLF. Closing "plain" writes
            // the armor trailer.
            OutputStream armored = new BufferedOutputStream(
                    Streams.canonicalLineEnds(Streams.closeShield(buffered)), BUFFER);
            try (OutputStream plain = Streams.canonicalLineEnds(generator.open(armored))) {
                inner.write(header, in, plain);
            } catch (PGPException e) {
                throw new PgpException("encryption failed: " + e.getMessage(), e);
            }
            write(buffered, "\r\n--" + boundary + "--\r\n");
            buffered.flush();
        }
    }

    private static OpenPGPMessageGenerator generator(Collection<byte[]> recipientKeys) throws PgpException {
        if (recipientKeys.isEmpty()) {
            throw new PgpException("no recipient keys");
        }
        OpenPGPMessageGenerator generator = new OpenPGPMessageGenerator(PgpKeys.IMPLEMENTATION)
                .setArmored(true).setArmorStreamFactory(PgpKeys::armor);
        for (byte[] encoded : recipientKeys) {
            OpenPGPCertificate cert = PgpKeys.certificate(encoded);
            try {
                generator.addEncryptionCertificate(cert);
            } catch (InvalidEncryptionKeyException e) {
                throw new PgpException("key " + PgpKeys.hex(cert.getFingerprint())
                        + " has no valid encryption key (expired, revoked or sign-only)", e);
            }
        }
        return generator;
    }
}
