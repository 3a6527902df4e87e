package de.poststelle.store.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * What an admin sees of a key: for a certificate its subject, issuer, serial, validity and SHA-256
 * fingerprint; for an OpenPGP key its user ids (as subject), creation and expiry and fingerprint.
 */
public record KeyDescription(String subject, String issuer, String serial, Optional<Instant> notBefore,
                             Optional<Instant> notAfter, Optional<String> fingerprint) {

    /** A generated key whose certificate has not been issued yet. */
    public static KeyDescription awaitingCertificate(String subject) {
        return new KeyDescription(subject, "", "", Optional.empty(), Optional.empty(), Optional.empty());
    }
}
