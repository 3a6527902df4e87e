package de.poststelle.crypto.pgp;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import de.poststelle.crypto.mime.MultipartReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureProcessor;
import org.bouncycastle.openpgp.api.OpenPGPSignature;

/**
 * Verifies PGP/MIME {@code multipart/signed; protocol="application/pgp-signature"} messages (RFC
 * 3156 section 5) against the public keys the caller offers (usually the approved keys of the
 * sender). The message is read twice from its {@link MessageSource}, never held in memory: first
 * for the signature part, then to hash the signed part.
 */
public final class PgpMimeVerifier {

    /** Largest signature part read; real ones are a few hundred octets. */
    private static final int MAX_SIGNATURE_OCTETS = 64 * 1024;
    /** Signatures dated this far ahead of our clock still count (the sender's clock may run fast). */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private final Clock clock;

    public PgpMimeVerifier(Clock clock) {
        this.clock = clock;
    }

    /** @param signerKeys transferable public keys (binary or armored) the signer may have used */
    public PgpVerification verify(MessageSource message, Collection<byte[]> signerKeys) throws IOException {
        List<OpenPGPCertificate> certificates = new ArrayList<>();
        for (byte[] key : signerKeys) {
            try {
                certificates.add(PgpKeys.certificate(key));
            } catch (PgpException e) {
                return PgpVerification.invalid(e.getMessage());
            }
        }
        PGPSignatureList signatures;
        try (InputStream in = new BufferedInputStream(message.open(), 8192)) {
            Optional<InputStream> part = signaturePart(in);
            if (part.isEmpty()) {
                return PgpVerification.invalid("not a PGP/MIME signed message");
            }
            signatures = signatures(part.get().readNBytes(MAX_SIGNATURE_OCTETS));
        } catch (PgpException e) {
            return PgpVerification.invalid(e.getMessage());
        }
        if (signatures == null || signatures.isEmpty()) {
            return PgpVerification.invalid("signature part holds no OpenPGP signature");
        }
        for (PGPSignature signature : signatures) {
            KeyIdentifier issuer = OpenPGPSignature.getMostExpressiveIdentifier(signature.getKeyIdentifiers());
            for (OpenPGPCertificate cert : certificates) {
                if (issuer != null && cert.getKey(issuer) != null) {
                    return verify(message, signature, cert);
                }
            }
        }
        PGPSignature first = signatures.get(0);
        KeyIdentifier issuer = OpenPGPSignature.getMostExpressiveIdentifier(first.getKeyIdentifiers());
        return new PgpVerification(false, "signed with a key we do not have"
                + (issuer == null ? "" : " (" + issuer + ")"),
                Optional.ofNullable(issuer).map(PgpMimeVerifier::describe), Optional.empty(),
                Optional.of(first.getCreationTime().toInstant()));
    }

    private PgpVerification verify(MessageSource message, PGPSignature signature, OpenPGPCertificate cert)
            throws IOException {
        String fingerprint = PgpKeys.hex(cert.getFingerprint());
        Optional<String> userId = Optional.ofNullable(cert.getPrimaryUserId())
                .map(OpenPGPCertificate.OpenPGPUserId::getUserId);
        Optional<Instant> signedAt = Optional.of(signature.getCreationTime().toInstant());
        List<String> problems = new ArrayList<>();
        OpenPGPDetachedSignatureProcessor processor = new OpenPGPDetachedSignatureProcessor(PgpKeys.IMPLEMENTATION)
                .addSignature(signature)
                .addVerificationCertificate(cert)
                .verifyNotAfter(Date.from(clock.instant().plus(CLOCK_SKEW)))
                .setExceptionCallback(e -> problems.add(e.getMessage()));
        List<OpenPGPSignature.OpenPGPDocumentSignature> checked;
        try (InputStream in = new BufferedInputStream(message.open(), 64 * 1024)) {
            checked = processor.process(signedPart(in));
        }
        String reason;
        boolean valid = false;
        if (checked.isEmpty()) {
            reason = problems.isEmpty() ? "signature is dated in the future" : "signature not acceptable: " + problems.getFirst();
        } else if (!checked.getFirst().isTestedCorrect()) {
            reason = "signature does not match the content (modified after signing)";
        } else {
            try {
                valid = checked.getFirst().isValid();
                reason = valid ? "signature valid" : "signing key was not valid at signing time (expired, revoked or not for signing)";
            } catch (PGPException e) {
                reason = "signature not acceptable: " + e.getMessage();
            }
        }
        return new PgpVerification(valid, reason, Optional.of(fingerprint), userId, signedAt);
    }

    /** The raw octets of the first part, the signed one; positioned after the message header. */
    private static InputStream signedPart(InputStream message) throws IOException {
        String contentType = MimeHeader.read(message).get("Content-Type");
        InputStream part = new MultipartReader(message, MimeHeader.parameter(contentType, "boundary")).nextPart();
        return part == null ? InputStream.nullInputStream() : part;
    }

    /** The body of the signature part, or empty if the message is not PGP/MIME signed. */
    private static Optional<InputStream> signaturePart(InputStream message) throws IOException {
        String contentType = MimeHeader.read(message).get("Content-Type");
        String boundary = MimeHeader.parameter(contentType, "boundary");
        if (!"multipart/signed".equals(MimeHeader.mediaType(contentType)) || boundary == null
                || !"application/pgp-signature".equalsIgnoreCase(MimeHeader.parameter(contentType, "protocol"))) {
            return Optional.empty();
        }
        MultipartReader parts = new MultipartReader(message, boundary);
        if (parts.nextPart() == null) {
            return Optional.empty();
        }
        InputStream signature = parts.nextPart();
        if (signature == null) {
            return Optional.empty();
        }
        MimeHeader header = MimeHeader.read(signature);
        return "application/pgp-signature".equals(MimeHeader.mediaType(header.get("Content-Type")))
                ? Optional.of(signature) : Optional.empty();
    }

    private static PGPSignatureList signatures(byte[] part) throws PgpException {
        try {
            Object o = PgpKeys.IMPLEMENTATION.pgpObjectFactory(PGPUtil.getDecoderStream(
                    new ByteArrayInputStream(part))).nextObject();
            return o instanceof PGPSignatureList list ? list : null;
        } catch (IOException | RuntimeException e) {
            throw new PgpException("unreadable signature: " + e.getMessage(), e);
        }
    }

    private static String describe(KeyIdentifier issuer) {
        return issuer.getFingerprint() != null ? PgpKeys.hex(issuer.getFingerprint()) : issuer.toString();
    }
}
