package de.poststelle.store.tenant;

import de.poststelle.core.tenant.Delegation;
import de.poststelle.core.tenant.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Delegations (Vollmachten); revoked ones are kept so the audit trail can name them. */
public final class DelegationRepository {

    private static final String COLUMNS = "id, tenant_id, grantee_user_id, roles, commissioning, valid_from,"
            + " valid_until, granted_by, granted_at, revoked_at";
    private static final RowMapper<Delegation> DELEGATION = (row, n) -> new Delegation(row.getLong("id"),
            row.getLong("tenant_id"), row.getLong("grantee_user_id"),
            Arrays.stream(row.getString("roles").split(",")).map(Role::valueOf).collect(Collectors.toSet()),
            row.getBoolean("commissioning"), Rows.instant(row, "valid_from"), Rows.optionalInstant(row, "valid_until"),
            row.getString("granted_by"), Rows.instant(row, "granted_at"), Rows.optionalInstant(row, "revoked_at"));

    private final JdbcClient jdbc;

    public DelegationRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Stores a new delegation; the id of the given one is ignored. */
    public Delegation create(Delegation delegation) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO delegation (tenant_id, grantee_user_id, roles, commissioning, valid_from, valid_until,"
                        + " granted_by, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(delegation.tenantId(), delegation.granteeUserId(),
                        delegation.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")),
                        delegation.commissioning(), Rows.timestamp(delegation.validFrom()),
                        Rows.timestamp(delegation.validUntil()), delegation.grantedBy(),
                        Rows.timestamp(delegation.grantedAt()))
                .update(key, "id");
        return find(key.getKey().longValue()).orElseThrow();
    }

    public Optional<Delegation> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegation WHERE id = ?").param(id).query(DELEGATION).optional();
    }

    public List<Delegation> ofTenant(long tenantId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegation WHERE tenant_id = ? ORDER BY granted_at DESC, id DESC")
                .param(tenantId).query(DELEGATION).list();
    }

    public List<Delegation> ofGrantee(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM delegation WHERE grantee_user_id = ? ORDER BY id")
                .param(userId).query(DELEGATION).list();
    }

    /** Returns false if it was revoked already. */
    public boolean revoke(long id, String revokedBy, Instant at) {
        return jdbc.sql("UPDATE delegation SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(Rows.timestamp(at), revokedBy, id).update() > 0;
    }
}
