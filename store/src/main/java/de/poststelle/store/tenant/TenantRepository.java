package de.poststelle.store.tenant;

import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.TermsAcceptance;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Tenants (Mandanten) with their contact and acceptance of the terms of use. */
public final class TenantRepository {

    private static final String COLUMNS = "id, name, contact_name, contact_email, contact_phone, terms_version, "
            + "terms_accepted_by, terms_accepted_at, created_at";
    private static final RowMapper<Tenant> TENANT = (row, n) -> {
        Optional<TermsAcceptance> terms = row.getString("terms_version") == null ? Optional.empty()
                : Optional.of(new TermsAcceptance(row.getString("terms_version"), row.getString("terms_accepted_by"),
                Rows.instant(row, "terms_accepted_at")));
        return new Tenant(row.getLong("id"), row.getString("name"),
                new Contact(row.getString("contact_name"), row.getString("contact_email"), row.getString("contact_phone")),
                terms, Rows.instant(row, "created_at"));
    };

    private final JdbcClient jdbc;
    private final Clock clock;

    public TenantRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public Tenant create(String name, Contact contact) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO tenant (name, contact_name, contact_email, contact_phone, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(name.strip(), contact.name(), contact.email(), contact.phone(), Rows.timestamp(clock.instant()))
                .update(key, "id");
        return find(key.getKey().longValue()).orElseThrow();
    }

    public Optional<Tenant> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = ?").param(id).query(TENANT).optional();
    }

    public Optional<Tenant> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE name = ?").param(name.strip()).query(TENANT).optional();
    }

    public List<Tenant> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant ORDER BY name").query(TENANT).list();
    }

    public List<Tenant> withIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM tenant WHERE id IN (:ids) ORDER BY name").param("ids", ids)
                .query(TENANT).list();
    }

    public void update(long id, String name, Contact contact) {
        jdbc.sql("UPDATE tenant SET name = ?, contact_name = ?, contact_email = ?, contact_phone = ? WHERE id = ?")
                .params(name.strip(), contact.name(), contact.email(), contact.phone(), id).update();
    }

    public void acceptTerms(long id, TermsAcceptance terms) {
        jdbc.sql("UPDATE tenant SET terms_version = ?, terms_accepted_by = ?, terms_accepted_at = ? WHERE id = ?")
                .params(terms.version(), terms.acceptedBy(), Rows.timestamp(terms.acceptedAt()), id).update();
    }

    /** Deletes a tenant that no longer has domains, mappings, admins or requests; false if it still has. */
    public boolean deleteIfEmpty(long id) {
        long dependents = jdbc.sql("SELECT (SELECT COUNT(*) FROM tenant_domain WHERE tenant_id = :id)"
                        + " + (SELECT COUNT(*) FROM address_mapping WHERE tenant_id = :id)"
                        + " + (SELECT COUNT(*) FROM role_grant WHERE tenant_id = :id)"
                        + " + (SELECT COUNT(*) FROM delegation WHERE tenant_id = :id)"
                        + " + (SELECT COUNT(*) FROM change_request WHERE tenant_id = :id)")
                .param("id", id).query(Long.class).single();
        return dependents == 0 && jdbc.sql("DELETE FROM tenant WHERE id = ?").param(id).update() > 0;
    }
}
