package de.poststelle.admin.api;

import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.EncryptionMode;
import de.poststelle.core.policy.OutboundDecision;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.core.policy.TenantPolicy;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;

/** A tenant's encryption policy: its settings and its rules, most specific first. */
public record PolicyDto(Settings settings, List<Rule> rules) {

    static PolicyDto from(TenantPolicy policy) {
        return new PolicyDto(Settings.from(policy.settings()), policy.rules().stream().map(Rule::from).toList());
    }

    /**
     * @param subjectTrigger  text in the Subject that forces encryption; removed before sending; "" for none
     * @param headerTrigger   header field whose value {@code yes} forces encryption; always removed; "" for none
     * @param signatureHeader whether incoming mail gets X-Poststelle-Signature and X-Poststelle-Encryption
     * @param subjectTag      whether the Subject of incoming mail with a valid, trusted signature gets {@code subjectTagText}
     */
    public record Settings(@NotNull @Size(max = 100) String subjectTrigger,
                           @NotNull @Size(max = 100) String headerTrigger, boolean signatureHeader,
                           boolean subjectTag, @NotNull @Size(max = 100) String subjectTagText) {

        static Settings from(CryptoSettings settings) {
            return new Settings(settings.subjectTrigger(), settings.headerTrigger(), settings.signatureHeader(),
                    settings.subjectTag(), settings.subjectTagText());
        }

        CryptoSettings toSettings() {
            return new CryptoSettings(subjectTrigger, headerTrigger, signatureHeader, subjectTag, subjectTagText);
        }
    }

    /**
     * One rule; a null setting is left to less specific rules.
     *
     * @param match the address (RECIPIENT, SENDER) or domain (RECIPIENT_DOMAIN, SENDER_DOMAIN); "" for TENANT
     */
    public record Rule(@NotNull RuleLevel level, @NotNull @Size(max = 320) String match, EncryptionMode encryption,
                       Boolean sign, SecureFormat format) {

        static Rule from(PolicyRule rule) {
            return new Rule(rule.level(), rule.match(), rule.encryption().orElse(null), rule.sign().orElse(null),
                    rule.format().orElse(null));
        }

        PolicyRule toRule(long tenantId) {
            return new PolicyRule(tenantId, level, match, Optional.ofNullable(encryption), Optional.ofNullable(sign),
                    Optional.ofNullable(format));
        }
    }

    /**
     * What happens to mail from one sender to one recipient, and why.
     *
     * @param decidedBy the rule level that set the encryption mode (DEFAULT: no rule), null when not outbound
     * @param recipientKey the key that would be used, described; null when none
     * @param signingKey the key that would sign, described; null when the mail is not signed
     */
    public record Explanation(OutboundDecision.Outcome outcome, EncryptionMode encryption, String decidedBy,
                              String decidedByMatch, Boolean sign, SecureFormat format, String recipientKey,
                              String signingKey, String reason) {

        static Explanation from(OutboundDecision decision) {
            return new Explanation(decision.outcome(),
                    decision.policy().map(p -> p.encryption()).orElse(null),
                    decision.policy().map(p -> p.encryptionDecidedBy().level()).orElse(null),
                    decision.policy().map(p -> p.encryptionDecidedBy().match()).orElse(null),
                    decision.policy().map(p -> p.sign()).orElse(null),
                    decision.format().orElse(null), decision.recipientKey().orElse(null),
                    decision.signingKey().orElse(null), decision.reason());
        }
    }
}
