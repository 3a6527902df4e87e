package de.poststelle.crypto.smime;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Result of {@link SmimeVerifier#verify}: whether every signature is cryptographically valid against
 * the certificate embedded in the message. Trust (chain to a trusted CA, revocation) is NOT checked
 * here; use {@link Signer#chain()} for that.
 *
 * @param valid true if the message is signed, has at least one signer, and all signatures are valid
 * @param reason why it is not valid, or "signature valid"
 * @param signers one entry per SignerInfo
 */
public record SmimeVerification(boolean valid, String reason, List<Signer> signers) {

    public SmimeVerification {
        signers = List.copyOf(signers);
    }

    static SmimeVerification invalid(String reason) {
        return new SmimeVerification(false, reason, List.of());
    }

    /** The first signer, if any (most messages have exactly one). */
    public Optional<Signer> signer() {
        return signers.stream().findFirst();
    }

    /**
     * One signer.
     *
     * @param valid whether this signature verifies against {@code certificate}
     * @param reason why not, or "signature valid"
     * @param certificate the signer's certificate as found in the message (null if it was not embedded)
     * @param chain the signer's certificate followed by its issuers as far as the message contains
     *     them (ordered leaf first); for the caller's trust decision
     * @param subject the certificate's subject DN (RFC 2253), or null
     * @param emails e-mail addresses of the certificate (subjectAltName rfc822Name and the
     *     subject's emailAddress), lower case
     * @param signingTime the signed signing-time attribute, if present
     */
    public record Signer(boolean valid, String reason, X509Certificate certificate, List<X509Certificate> chain,
            String subject, List<String> emails, Optional<Instant> signingTime) {
        public Signer {
            chain = List.copyOf(chain);
            emails = List.copyOf(emails);
        }
    }
}
