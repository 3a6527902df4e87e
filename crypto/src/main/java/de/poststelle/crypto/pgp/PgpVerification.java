package de.poststelle.crypto.pgp;

import java.time.Instant;
import java.util.Optional;

/**
 * Result of {@link PgpMimeVerifier#verify}: whether the signature is cryptographically valid and
 * made by a valid signing key of one of the keys the caller offered. Whether that key is approved
 * for the sender is the caller's decision (the key store's).
 *
 * @param valid true only for a correct signature by a known key that could sign at signing time
 * @param reason why not, or "signature valid", in words an admin understands
 * @param signerFingerprint fingerprint of the signer's primary key if the key is known, else the
 *     issuer fingerprint or key id the signature names (empty if it names none)
 * @param signerUserId the primary user id of the signer's key, if the key is known
 * @param signedAt the signature's creation time, if a signature was found
 */
public record PgpVerification(boolean valid, String reason, Optional<String> signerFingerprint,
        Optional<String> signerUserId, Optional<Instant> signedAt) {

    static PgpVerification invalid(String reason) {
        return new PgpVerification(false, reason, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
