package de.poststelle.core.policy;

import java.util.Optional;

/**
 * What the gateway does with mail from one sender to one recipient, and why; the outbound stage
 * acts on it and "policy explain" shows it to an admin.
 *
 * @param policy the effective policy; empty when the policy does not apply (see {@code reason})
 * @param format the format encrypted (or signed) with
 * @param recipientKey the recipient's key that is used, described for an admin
 * @param signingKey the key that signs, described for an admin; empty when not signed
 * @param reason in words, e.g. why nothing is encrypted
 */
public record OutboundDecision(Outcome outcome, Optional<EffectivePolicy> policy, Optional<SecureFormat> format,
                               Optional<String> recipientKey, Optional<String> signingKey, String reason) {

    public enum Outcome {
        /** Encrypted to the recipient's trusted key (and signed if the policy says so). */
        ENCRYPT,
        /** Sent without encryption (signed if the policy says so and a signing key exists). */
        PLAIN,
        /** Kept in the queue until a trusted key appears, bounced after the queue's maximum age. */
        HOLD,
        /** Not outbound mail (the sender is not a tenant's, or the recipient is in a tenant domain): left alone. */
        NOT_OUTBOUND
    }

    public boolean signs() {
        return signingKey.isPresent();
    }
}
