package de.poststelle.crypto.pgp;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import de.poststelle.crypto.mime.Streams;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.exception.InvalidSigningKeyException;
import org.bouncycastle.util.io.TeeOutputStream;

/**
 * Signs a whole message as PGP/MIME {@code multipart/signed; micalg=pgp-sha256;
 * protocol="application/pgp-signature"} (RFC 3156 section 5), streamed: the content passes through
 * the hash once, only the small signature is held.
 *
 * <p>The original non-{@code Content-*} header fields stay in front; the {@code Content-*} fields
 * and the body form the signed first part, canonicalised to CRLF, with a detached binary-document
 * signature (SHA-256) over exactly its octets.
 *
 * <p>Limitation, as for S/MIME: content in {@code 8bit} or {@code binary} transfer encoding is
 * signed as it is; RFC 3156 asks for 7-bit before signing so that relays do not change it.
 */
public final class PgpMimeSigner {

    private static final int BUFFER = 64 * 1024;

    /** RFC 3156 needs the hash named in {@code micalg} before the signature is seen; we always use SHA-256. */
    private static final SignatureParameters.Callback SHA256 = new SignatureParameters.Callback() {
        @Override
        public SignatureParameters apply(SignatureParameters parameters) {
            return parameters.setSignatureHashAlgorithm(HashAlgorithmTags.SHA256);
        }
    };

    private final OpenPGPKey key;

    /**
     * @param secretKey a transferable secret key without passphrase (binary, as the key store hands
     *     it out, or armored) with a key that can sign
     */
    public PgpMimeSigner(byte[] secretKey) throws PgpException {
        this.key = PgpKeys.secretKey(secretKey);
        if (key.getSigningKeys().isEmpty()) {
            throw new PgpException("key " + PgpKeys.hex(key.getFingerprint()) + " has no valid signing key");
        }
    }

    /** Fingerprint of the signing key's primary key. */
    public String fingerprint() {
        return PgpKeys.hex(key.getFingerprint());
    }

    /** Writes the signed message to {@code out} (flushed, not closed). */
    public void sign(MessageSource message, OutputStream out) throws IOException, PgpException {
        try (InputStream in = new BufferedInputStream(message.open(), BUFFER)) {
            MimeHeader header = MimeHeader.read(in);
            OutputStream buffered = new BufferedOutputStream(Streams.closeShield(out), BUFFER);
            header.writeOuterFields(buffered);
            writeSignedEntity(header, in, buffered);
            buffered.flush();
        }
    }

    /**
     * Writes the {@code multipart/signed} entity (its Content-Type field, a blank line, the body)
     * over the message's content fields and {@code body}. Used alone and inside encryption.
     */
    void writeSignedEntity(MimeHeader header, InputStream body, OutputStream out) throws IOException, PgpException {
        String boundary = PgpKeys.boundary("----=_pgp_signed_");
        write(out, "Content-Type: multipart/signed; micalg=pgp-sha256;\r\n"
                + "\tprotocol=\"application/pgp-signature\"; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "This is an OpenPGP/MIME signed message (RFC 3156).\r\n"
                + "--" + boundary + "\r\n");
        try {
            StreamingSignatureGenerator signatures = new StreamingSignatureGenerator();
            signatures.addSigningKey(key, SHA256);
            // The signed part ends before the CRLF of the next delimiter line (RFC 3156 section 5).
            try (OutputStream signed = Streams.canonicalLineEnds(
                    new TeeOutputStream(Streams.closeShield(out), signatures.open()))) {
                header.writeContentFields(signed);
                signed.write('\r');
                signed.write('\n');
                body.transferTo(signed);
            }
            write(out, "\r\n--" + boundary + "\r\n"
                    + "Content-Type: application/pgp-signature; name=\"signature.asc\"\r\n"
                    + "Content-Description: OpenPGP digital signature\r\n"
                    + "Content-Disposition: attachment; filename=\"signature.asc\"\r\n"
                    + "\r\n");
            signatures.writeArmored(Streams.canonicalLineEnds(Streams.closeShield(out)));
            write(out, "\r\n--" + boundary + "--\r\n");
        } catch (InvalidSigningKeyException e) {
            throw new PgpException("key " + fingerprint() + " cannot sign: " + e.getMessage(), e);
        } catch (PGPException e) {
            throw new PgpException("signing failed: " + e.getMessage(), e);
        }
    }

    static void write(OutputStream out, String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
