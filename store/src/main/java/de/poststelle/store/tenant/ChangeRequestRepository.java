package de.poststelle.store.tenant;

import de.poststelle.core.tenant.ChangeRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Change requests for the standard scenarios and where each stands. */
public final class ChangeRequestRepository {

    private static final String COLUMNS = "id, tenant_id, scenario, state, description, requested_by, requested_at,"
            + " handled_by, updated_at, note";
    private static final RowMapper<ChangeRequest> REQUEST = (row, n) -> new ChangeRequest(row.getLong("id"),
            Rows.optionalLong(row, "tenant_id"), ChangeRequest.Scenario.valueOf(row.getString("scenario")),
            ChangeRequest.State.valueOf(row.getString("state")), row.getString("description"),
            row.getString("requested_by"), Rows.instant(row, "requested_at"),
            Optional.ofNullable(row.getString("handled_by")), Rows.instant(row, "updated_at"), row.getString("note"));

    private final JdbcClient jdbc;

    public ChangeRequestRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public ChangeRequest file(Optional<Long> tenantId, ChangeRequest.Scenario scenario, String description,
                              String requestedBy, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO change_request (tenant_id, scenario, state, description, requested_by, requested_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(tenantId.orElse(null), scenario.name(), ChangeRequest.State.OPEN.name(), description,
                        requestedBy, Rows.timestamp(at), Rows.timestamp(at))
                .update(key, "id");
        return find(key.getKey().longValue()).orElseThrow();
    }

    public Optional<ChangeRequest> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM change_request WHERE id = ?").param(id).query(REQUEST).optional();
    }

    /** Requests of the given tenants plus those the given user filed (e.g. for a tenant not created yet). */
    public List<ChangeRequest> visibleTo(Collection<Long> tenantIds, String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM change_request WHERE requested_by = :user"
                        + (tenantIds.isEmpty() ? "" : " OR tenant_id IN (:tenants)") + " ORDER BY id DESC")
                .param("user", username).param("tenants", tenantIds.isEmpty() ? List.of(-1L) : tenantIds)
                .query(REQUEST).list();
    }

    public List<ChangeRequest> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM change_request ORDER BY id DESC").query(REQUEST).list();
    }

    public void update(long id, ChangeRequest.State state, String handledBy, String note, Instant at) {
        jdbc.sql("UPDATE change_request SET state = ?, handled_by = ?, note = ?, updated_at = ? WHERE id = ?")
                .params(state.name(), handledBy, note, Rows.timestamp(at), id).update();
    }
}
