package de.poststelle.core.policy;

/**
 * The policy for one sender and recipient after all rules are applied.
 *
 * @param encryptionDecidedBy which rule set {@code encryption}
 * @param forcedByTrigger whether a trigger in the mail made encryption mandatory
 */
public record EffectivePolicy(EncryptionMode encryption, Decision encryptionDecidedBy, boolean sign,
                              SecureFormat format, boolean forcedByTrigger) {

    /**
     * Who decided the encryption mode: a {@link RuleLevel} name with the rule's address or domain,
     * {@code DEFAULT} (no rule) or {@code TRIGGER} (the sender's subject or header trigger).
     */
    public record Decision(String level, String match) {

        static Decision of(PolicyRule rule) {
            return new Decision(rule.level().name(), rule.match());
        }
    }
}
