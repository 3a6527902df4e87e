package de.poststelle.store;

import com.zaxxer.hikari.HikariDataSource;
import de.poststelle.core.MailAddress;
import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.EncryptionMode;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.core.policy.TenantPolicy;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.store.policy.PolicyRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Policy rules and settings survive a round trip through H2 and PostgreSQL, per tenant. */
class PolicyRepositoryTest {

    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rulesAndSettingsAreKeptPerTenant(TestDatabase database) throws Exception {
        dataSource = database.create();
        TenantRepository tenants = new TenantRepository(dataSource, Clock.systemUTC());
        Tenant stadt = tenants.create("Stadt", new Contact("A", "a@stadt.example", ""));
        Tenant land = tenants.create("Land", new Contact("B", "b@land.example", ""));
        PolicyRepository policies = new PolicyRepository(dataSource);

        assertThat(policies.policyOf(stadt.id())).isEqualTo(TenantPolicy.defaults());

        policies.save(new PolicyRule(stadt.id(), RuleLevel.TENANT, "", Optional.of(EncryptionMode.OPPORTUNISTIC),
                Optional.of(true), Optional.empty()));
        PolicyRule partner = new PolicyRule(stadt.id(), RuleLevel.RECIPIENT_DOMAIN, "partner.example",
                Optional.of(EncryptionMode.MANDATORY), Optional.empty(), Optional.of(SecureFormat.PGP));
        policies.save(partner);
        policies.save(new PolicyRule(stadt.id(), RuleLevel.RECIPIENT_DOMAIN, "partner.example",
                Optional.of(EncryptionMode.OFF), Optional.of(false), Optional.empty()));
        CryptoSettings settings = new CryptoSettings("[vertraulich]", "X-Encrypt", false, true, "[geprüft]");
        policies.saveSettings(stadt.id(), settings);

        TenantPolicy policy = policies.policyOf(stadt.id());
        assertThat(policy.settings()).isEqualTo(settings);
        assertThat(policy.rules()).hasSize(2);
        assertThat(policies.find(stadt.id(), RuleLevel.RECIPIENT_DOMAIN, "partner.example")).get()
                .as("saving a rule again replaces it")
                .extracting(PolicyRule::encryption, PolicyRule::sign, PolicyRule::format)
                .containsExactly(Optional.of(EncryptionMode.OFF), Optional.of(false), Optional.empty());
        assertThat(policy.resolve(MailAddress.parse("amt@stadt.example"), MailAddress.parse("x@partner.example"), false)
                .encryption()).isEqualTo(EncryptionMode.OFF);
        assertThat(policies.policyOf(land.id())).as("other tenants are untouched").isEqualTo(TenantPolicy.defaults());

        assertThat(policies.delete(stadt.id(), RuleLevel.RECIPIENT_DOMAIN, "partner.example")).isTrue();
        assertThat(policies.rules(stadt.id())).singleElement().extracting(PolicyRule::level).isEqualTo(RuleLevel.TENANT);
    }
}
