package de.poststelle.store.policy;

import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.EncryptionMode;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.PolicySource;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.core.policy.TenantPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The tenants' encryption policies: rules and settings. */
public final class PolicyRepository implements PolicySource {

    private final JdbcClient jdbc;

    public PolicyRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public TenantPolicy policyOf(long tenantId) {
        return new TenantPolicy(settings(tenantId), rules(tenantId));
    }

    public CryptoSettings settings(long tenantId) {
        return jdbc.sql("""
                        SELECT subject_trigger, header_trigger, signature_header, subject_tag, subject_tag_text
                        FROM crypto_settings WHERE tenant_id = ?""")
                .param(tenantId)
                .query((row, n) -> new CryptoSettings(row.getString("subject_trigger"), row.getString("header_trigger"),
                        row.getBoolean("signature_header"), row.getBoolean("subject_tag"),
                        row.getString("subject_tag_text")))
                .optional().orElse(CryptoSettings.DEFAULTS);
    }

    public void saveSettings(long tenantId, CryptoSettings settings) {
        int updated = jdbc.sql("""
                        UPDATE crypto_settings SET subject_trigger = ?, header_trigger = ?, signature_header = ?,
                            subject_tag = ?, subject_tag_text = ? WHERE tenant_id = ?""")
                .params(settings.subjectTrigger(), settings.headerTrigger(), settings.signatureHeader(),
                        settings.subjectTag(), settings.subjectTagText(), tenantId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO crypto_settings (subject_trigger, header_trigger, signature_header, subject_tag,
                                subject_tag_text, tenant_id) VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(settings.subjectTrigger(), settings.headerTrigger(), settings.signatureHeader(),
                            settings.subjectTag(), settings.subjectTagText(), tenantId)
                    .update();
        }
    }

    public List<PolicyRule> rules(long tenantId) {
        return jdbc.sql("SELECT * FROM crypto_policy_rule WHERE tenant_id = ? ORDER BY rule_level, rule_match")
                .param(tenantId)
                .query((row, n) -> rule(row))
                .list();
    }

    public Optional<PolicyRule> find(long tenantId, RuleLevel level, String match) {
        return jdbc.sql("SELECT * FROM crypto_policy_rule WHERE tenant_id = ? AND rule_level = ? AND rule_match = ?")
                .params(tenantId, level.name(), match)
                .query((row, n) -> rule(row))
                .optional();
    }

    /** Creates or replaces the rule for its tenant, level and match. */
    public void save(PolicyRule rule) {
        delete(rule.tenantId(), rule.level(), rule.match());
        jdbc.sql("""
                        INSERT INTO crypto_policy_rule (tenant_id, rule_level, rule_match, encryption, signing, format)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(rule.tenantId(), rule.level().name(), rule.match(),
                        rule.encryption().map(Enum::name).orElse(null), rule.sign().orElse(null),
                        rule.format().map(Enum::name).orElse(null))
                .update();
    }

    public boolean delete(long tenantId, RuleLevel level, String match) {
        return jdbc.sql("DELETE FROM crypto_policy_rule WHERE tenant_id = ? AND rule_level = ? AND rule_match = ?")
                .params(tenantId, level.name(), match)
                .update() > 0;
    }

    private static PolicyRule rule(ResultSet row) throws SQLException {
        boolean sign = row.getBoolean("signing");
        Optional<Boolean> signSetting = row.wasNull() ? Optional.empty() : Optional.of(sign);
        return new PolicyRule(row.getLong("tenant_id"), RuleLevel.valueOf(row.getString("rule_level")),
                row.getString("rule_match"),
                Optional.ofNullable(row.getString("encryption")).map(EncryptionMode::valueOf),
                signSetting,
                Optional.ofNullable(row.getString("format")).map(SecureFormat::valueOf));
    }
}
