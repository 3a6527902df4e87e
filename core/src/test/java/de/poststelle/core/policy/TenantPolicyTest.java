package de.poststelle.core.policy;

import de.poststelle.core.MailAddress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantPolicyTest {

    private static final MailAddress SENDER = MailAddress.parse("Amt@Stadt.example");
    private static final MailAddress PARTNER = MailAddress.parse("Bob@Partner.example");

    private static PolicyRule rule(RuleLevel level, String match, EncryptionMode mode) {
        return new PolicyRule(1, level, match, Optional.ofNullable(mode), Optional.empty(), Optional.empty());
    }

    private static TenantPolicy policy(PolicyRule... rules) {
        return new TenantPolicy(CryptoSettings.DEFAULTS, List.of(rules));
    }

    @Test
    void withoutRulesEncryptionIsOpportunisticUnsignedAndSmime() {
        EffectivePolicy effective = TenantPolicy.defaults().resolve(SENDER, PARTNER, false);

        assertThat(effective.encryption()).isEqualTo(EncryptionMode.OPPORTUNISTIC);
        assertThat(effective.sign()).isFalse();
        assertThat(effective.format()).isEqualTo(SecureFormat.SMIME);
        assertThat(effective.encryptionDecidedBy().level()).isEqualTo("DEFAULT");
    }

    @Test
    void theMostSpecificRuleDecidesAndSaysSo() {
        TenantPolicy policy = policy(
                rule(RuleLevel.TENANT, "", EncryptionMode.OFF),
                rule(RuleLevel.SENDER_DOMAIN, "stadt.example", EncryptionMode.OPPORTUNISTIC),
                rule(RuleLevel.SENDER, "amt@stadt.example", EncryptionMode.OFF),
                rule(RuleLevel.RECIPIENT_DOMAIN, "partner.example", EncryptionMode.MANDATORY));

        EffectivePolicy toPartner = policy.resolve(SENDER, PARTNER, false);
        assertThat(toPartner.encryption()).isEqualTo(EncryptionMode.MANDATORY);
        assertThat(toPartner.encryptionDecidedBy()).isEqualTo(new EffectivePolicy.Decision("RECIPIENT_DOMAIN", "partner.example"));

        EffectivePolicy toOthers = policy.resolve(SENDER, MailAddress.parse("x@other.example"), false);
        assertThat(toOthers.encryption()).isEqualTo(EncryptionMode.OFF);
        assertThat(toOthers.encryptionDecidedBy()).isEqualTo(new EffectivePolicy.Decision("SENDER", "amt@stadt.example"));

        EffectivePolicy colleague = policy.resolve(MailAddress.parse("kasse@stadt.example"),
                MailAddress.parse("x@other.example"), false);
        assertThat(colleague.encryption()).isEqualTo(EncryptionMode.OPPORTUNISTIC);

        assertThat(policy.resolve(MailAddress.parse("a@land.example"), MailAddress.parse("x@other.example"), false)
                .encryption()).isEqualTo(EncryptionMode.OFF);
    }

    @Test
    void eachSettingComesFromTheMostSpecificRuleThatSetsIt() {
        TenantPolicy policy = policy(
                new PolicyRule(1, RuleLevel.TENANT, "", Optional.of(EncryptionMode.OPPORTUNISTIC), Optional.of(true),
                        Optional.of(SecureFormat.PGP)),
                new PolicyRule(1, RuleLevel.RECIPIENT, "bob@partner.example", Optional.empty(), Optional.of(false),
                        Optional.empty()));

        EffectivePolicy effective = policy.resolve(SENDER, PARTNER, false);

        assertThat(effective.sign()).isFalse();
        assertThat(effective.format()).isEqualTo(SecureFormat.PGP);
        assertThat(effective.encryptionDecidedBy().level()).isEqualTo("TENANT");
    }

    @Test
    void aTriggerMakesEncryptionMandatoryEvenWhereItIsOff() {
        EffectivePolicy effective = policy(rule(RuleLevel.RECIPIENT, "bob@partner.example", EncryptionMode.OFF))
                .resolve(SENDER, PARTNER, true);

        assertThat(effective.encryption()).isEqualTo(EncryptionMode.MANDATORY);
        assertThat(effective.forcedByTrigger()).isTrue();
        assertThat(effective.encryptionDecidedBy().level()).isEqualTo("TRIGGER");
    }

    @Test
    void rulesNameWhatTheirLevelNeeds() {
        assertThatThrownBy(() -> rule(RuleLevel.SENDER, "stadt.example", EncryptionMode.OFF))
                .hasMessageContaining("not a mail address");
        assertThatThrownBy(() -> rule(RuleLevel.RECIPIENT_DOMAIN, "a@partner.example", EncryptionMode.OFF))
                .hasMessageContaining("a domain");
        assertThatThrownBy(() -> rule(RuleLevel.TENANT, "stadt.example", EncryptionMode.OFF))
                .hasMessageContaining("no address or domain");
    }
}
