package de.poststelle.store.tenant;

import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.tenant.AuthorityRegistration.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Authority registrations with their domains. A domain can be in only one open request: a second
 * one fails with Spring's {@code DuplicateKeyException}, also when two arrive at the same time.
 * Callers run {@link #submit} and the decision in one transaction.
 */
public final class AuthorityRegistrationRepository {

    private static final String COLUMNS = "id, reference, authority_name, contact_person, contact_email, phone,"
            + " mail_server, remark, state, submitted_at, decided_by, decided_at, reason, tenant_id";

    private record Row(long id, String reference, String authorityName, String contactPerson, String contactEmail,
                       String phone, String mailServer, String remark, State state, Instant submittedAt,
                       Optional<String> decidedBy, Optional<Instant> decidedAt, String reason,
                       Optional<Long> tenantId) {

        static Row read(ResultSet row, int n) throws SQLException {
            return new Row(row.getLong("id"), row.getString("reference"), row.getString("authority_name"),
                    row.getString("contact_person"), row.getString("contact_email"), row.getString("phone"),
                    row.getString("mail_server"), row.getString("remark"), State.valueOf(row.getString("state")),
                    Rows.instant(row, "submitted_at"), Optional.ofNullable(row.getString("decided_by")),
                    Rows.optionalInstant(row, "decided_at"), row.getString("reason"),
                    Rows.optionalLong(row, "tenant_id"));
        }

        AuthorityRegistration with(List<String> domains) {
            return new AuthorityRegistration(id, reference, new AuthorityRegistration.Request(authorityName,
                    contactPerson, contactEmail, phone, domains, mailServer, remark), state, submittedAt, decidedBy,
                    decidedAt, reason, tenantId);
        }
    }

    private final JdbcClient jdbc;

    public AuthorityRegistrationRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public AuthorityRegistration submit(AuthorityRegistration.Request request, String reference, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO authority_registration (reference, authority_name, contact_person, contact_email, phone,"
                        + " mail_server, remark, state, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(reference, request.authorityName(), request.contactPerson(), request.contactEmail(),
                        request.phone(), request.mailServer(), request.remark(), State.OPEN.name(), Rows.timestamp(at))
                .update(key, "id");
        long id = key.getKey().longValue();
        for (int seq = 0; seq < request.domains().size(); seq++) {
            String domain = request.domains().get(seq);
            jdbc.sql("INSERT INTO authority_registration_domain (registration_id, seq, domain, open_domain)"
                    + " VALUES (?, ?, ?, ?)").params(id, seq, domain, domain).update();
        }
        return find(id).orElseThrow();
    }

    public Optional<AuthorityRegistration> find(long id) {
        return withDomains(jdbc.sql("SELECT " + COLUMNS + " FROM authority_registration WHERE id = ?").param(id)
                .query(Row::read).list()).stream().findFirst();
    }

    /** Open requests first, oldest first (the order to work them in); then decided ones, newest first. */
    public List<AuthorityRegistration> all() {
        return withDomains(jdbc.sql("SELECT " + COLUMNS + " FROM authority_registration ORDER BY"
                + " CASE WHEN state = 'OPEN' THEN 0 ELSE 1 END,"
                + " CASE WHEN state = 'OPEN' THEN submitted_at END, decided_at DESC, id DESC").query(Row::read).list());
    }

    /** Those of the given domains that an open request names. */
    public List<String> openDomains(Collection<String> domains) {
        if (domains.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT open_domain FROM authority_registration_domain WHERE open_domain IN (:domains)"
                + " ORDER BY open_domain").param("domains", domains).query(String.class).list();
    }

    /**
     * Marks an open request as decided and frees its domains for new requests; false if it was not
     * open (any more). The row stays locked until the caller's transaction ends, so of two operators
     * deciding at once only one gets true.
     */
    public boolean decide(long id, State decision, String decidedBy, Instant at, String reason) {
        int changed = jdbc.sql("UPDATE authority_registration SET state = ?, decided_by = ?, decided_at = ?, reason = ?"
                        + " WHERE id = ? AND state = ?")
                .params(decision.name(), decidedBy, Rows.timestamp(at), reason, id, State.OPEN.name()).update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("UPDATE authority_registration_domain SET open_domain = NULL WHERE registration_id = ?").param(id)
                .update();
        return true;
    }

    public void linkTenant(long id, long tenantId) {
        jdbc.sql("UPDATE authority_registration SET tenant_id = ? WHERE id = ?").params(tenantId, id).update();
    }

    private List<AuthorityRegistration> withDomains(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> domains = jdbc.sql("SELECT registration_id, domain FROM authority_registration_domain"
                        + " WHERE registration_id IN (:ids) ORDER BY registration_id, seq")
                .param("ids", rows.stream().map(Row::id).toList())
                .query((row, n) -> Map.entry(row.getLong("registration_id"), row.getString("domain"))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toCollection(ArrayList::new))));
        return rows.stream().map(row -> row.with(domains.getOrDefault(row.id(), new ArrayList<>()))).toList();
    }
}
