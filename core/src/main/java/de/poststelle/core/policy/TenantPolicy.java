package de.poststelle.core.policy;

import de.poststelle.core.MailAddress;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tenant's policy rules and settings, and how they resolve for one sender and recipient: for
 * each setting the most specific rule that sets it wins (see {@link RuleLevel}); without any,
 * encryption is opportunistic, signing off and S/MIME preferred. A trigger in the mail makes
 * encryption mandatory whatever the rules say.
 */
public record TenantPolicy(CryptoSettings settings, List<PolicyRule> rules) {

    public static final EncryptionMode DEFAULT_ENCRYPTION = EncryptionMode.OPPORTUNISTIC;
    public static final SecureFormat DEFAULT_FORMAT = SecureFormat.SMIME;

    public TenantPolicy {
        rules = rules.stream().sorted(Comparator.comparing(PolicyRule::level)).toList();
    }

    public static TenantPolicy defaults() {
        return new TenantPolicy(CryptoSettings.DEFAULTS, List.of());
    }

    public EffectivePolicy resolve(MailAddress sender, MailAddress recipient, boolean triggered) {
        List<PolicyRule> applicable = rules.stream().filter(rule -> applies(rule, sender, recipient)).toList();
        Optional<PolicyRule> encryptionRule = first(applicable, PolicyRule::encryption);
        EncryptionMode encryption = encryptionRule.flatMap(PolicyRule::encryption).orElse(DEFAULT_ENCRYPTION);
        EffectivePolicy.Decision decision = encryptionRule.map(EffectivePolicy.Decision::of)
                .orElse(new EffectivePolicy.Decision("DEFAULT", ""));
        if (triggered) {
            encryption = EncryptionMode.MANDATORY;
            decision = new EffectivePolicy.Decision("TRIGGER", "");
        }
        boolean sign = first(applicable, PolicyRule::sign).flatMap(PolicyRule::sign).orElse(false);
        SecureFormat format = first(applicable, PolicyRule::format).flatMap(PolicyRule::format).orElse(DEFAULT_FORMAT);
        return new EffectivePolicy(encryption, decision, sign, format, triggered);
    }

    private static Optional<PolicyRule> first(List<PolicyRule> rules, Function<PolicyRule, Optional<?>> setting) {
        return rules.stream().filter(rule -> setting.apply(rule).isPresent()).findFirst();
    }

    private static boolean applies(PolicyRule rule, MailAddress sender, MailAddress recipient) {
        return switch (rule.level()) {
            case RECIPIENT -> rule.match().equals(lower(recipient.toString()));
            case RECIPIENT_DOMAIN -> rule.match().equals(lower(recipient.domain()));
            case SENDER -> rule.match().equals(lower(sender.toString()));
            case SENDER_DOMAIN -> rule.match().equals(lower(sender.domain()));
            case TENANT -> true;
        };
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
