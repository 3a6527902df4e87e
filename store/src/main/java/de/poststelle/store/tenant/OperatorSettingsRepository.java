package de.poststelle.store.tenant;

import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.OperatorSettings;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.Optional;

/** The operator's gateway-wide settings: the one row the migration created. */
public final class OperatorSettingsRepository {

    private final JdbcClient jdbc;

    public OperatorSettingsRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public OperatorSettings load() {
        return jdbc.sql("""
                        SELECT current_terms_version, support_name, support_email, support_phone, default_cluster
                        FROM operator_settings WHERE id = 1""")
                .query((row, n) -> new OperatorSettings(Optional.ofNullable(row.getString("current_terms_version")),
                        new Contact(row.getString("support_name"), row.getString("support_email"),
                                row.getString("support_phone")),
                        Optional.ofNullable(row.getString("default_cluster"))))
                .single();
    }

    public void save(OperatorSettings settings) {
        Contact support = settings.supportContact();
        jdbc.sql("""
                        UPDATE operator_settings SET current_terms_version = ?, support_name = ?, support_email = ?,
                            support_phone = ?, default_cluster = ? WHERE id = 1""")
                .params(settings.currentTermsVersion().orElse(null), support.name(), support.email(), support.phone(),
                        settings.defaultCluster().orElse(null))
                .update();
    }

    /** Whether new domains land in this cluster when they name none. */
    public boolean isDefaultCluster(String cluster) {
        return load().defaultCluster().filter(cluster::equals).isPresent();
    }
}
