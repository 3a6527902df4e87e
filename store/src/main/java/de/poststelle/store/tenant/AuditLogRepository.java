package de.poststelle.store.tenant;

import de.poststelle.core.tenant.AuditEntry;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The append-only audit log of admin actions. */
public final class AuditLogRepository {

    /**
     * A filter over the log; empty fields match everything. {@code tenants} empty means all tenants
     * (operators); otherwise only entries of those tenants are visible.
     */
    public record Query(Optional<Collection<Long>> tenants, Optional<Long> tenantId, Optional<String> actor,
                        Optional<String> action, Optional<String> text, Optional<Instant> from,
                        Optional<Instant> until, int limit, int offset) {

        public Query {
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("limit must be between 1 and 1000");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative");
            }
        }
    }

    private static final RowMapper<AuditEntry> ENTRY = (row, n) -> new AuditEntry(row.getLong("id"),
            Rows.instant(row, "at"), row.getString("actor"), row.getString("remote_address"),
            Rows.optionalLong(row, "tenant_id"), row.getString("action"), row.getString("target"),
            row.getString("details"), Rows.optionalLong(row, "delegation_id"));

    private final JdbcClient jdbc;

    public AuditLogRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public void append(AuditEntry entry) {
        jdbc.sql("INSERT INTO audit_log (at, actor, remote_address, tenant_id, action, target, details, delegation_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Rows.timestamp(entry.at()), entry.actor(), entry.remoteAddress(),
                        entry.tenantId().orElse(null), entry.action(), truncate(entry.target(), 500),
                        truncate(entry.details(), 4000), entry.delegationId().orElse(null))
                .update();
    }

    public List<AuditEntry> find(Query query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        query.tenants().ifPresent(ids -> {
            where.add("tenant_id IN (:visible)");
            params.put("visible", ids.isEmpty() ? List.of(-1L) : ids);
        });
        query.tenantId().ifPresent(id -> {
            where.add("tenant_id = :tenant");
            params.put("tenant", id);
        });
        query.actor().ifPresent(actor -> {
            where.add("actor = :actor");
            params.put("actor", actor);
        });
        query.action().ifPresent(action -> {
            where.add("action = :action");
            params.put("action", action);
        });
        query.text().ifPresent(text -> {
            where.add("(LOWER(target) LIKE :text OR LOWER(details) LIKE :text)");
            params.put("text", "%" + text.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
        });
        query.from().ifPresent(from -> {
            where.add("at >= :from");
            params.put("from", Rows.timestamp(from));
        });
        query.until().ifPresent(until -> {
            where.add("at < :until");
            params.put("until", Rows.timestamp(until));
        });
        String sql = "SELECT id, at, actor, remote_address, tenant_id, action, target, details, delegation_id"
                + " FROM audit_log" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY at DESC, id DESC LIMIT " + query.limit() + " OFFSET " + query.offset();
        return jdbc.sql(sql).params(params).query(ENTRY).list();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
