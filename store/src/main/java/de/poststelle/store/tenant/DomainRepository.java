package de.poststelle.store.tenant;

import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants' (sub)domains with their allowed sending servers. */
public final class DomainRepository {

    private static final String SELECT = "SELECT d.name, d.tenant_id, d.kind, d.cluster, d.direction, d.receiving_host,"
            + " d.receiving_port, d.receiving_tls, d.unmapped_policy, d.catch_all_mailbox, s.cidr"
            + " FROM tenant_domain d LEFT JOIN allowed_sender s ON s.domain_name = d.name";

    private final JdbcClient jdbc;

    public DomainRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public Optional<TenantDomain> find(String name) {
        return query(SELECT + " WHERE d.name = :name", Map.of("name", name)).stream().findFirst();
    }

    public List<TenantDomain> ofTenant(long tenantId) {
        return query(SELECT + " WHERE d.tenant_id = :tenant ORDER BY d.name, s.cidr", Map.of("tenant", tenantId));
    }

    public List<TenantDomain> all() {
        return query(SELECT + " ORDER BY d.name, s.cidr", Map.of());
    }

    public void insert(TenantDomain domain) {
        jdbc.sql("INSERT INTO tenant_domain (tenant_id, kind, cluster, direction, receiving_host, receiving_port,"
                        + " receiving_tls, unmapped_policy, catch_all_mailbox, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(columns(domain)).update();
        insertSenders(domain);
    }

    /** Replaces everything about the domain except its name and tenant. */
    public void update(TenantDomain domain) {
        jdbc.sql("UPDATE tenant_domain SET tenant_id = ?, kind = ?, cluster = ?, direction = ?, receiving_host = ?,"
                        + " receiving_port = ?, receiving_tls = ?, unmapped_policy = ?, catch_all_mailbox = ? WHERE name = ?")
                .params(columns(domain)).update();
        jdbc.sql("DELETE FROM allowed_sender WHERE domain_name = ?").param(domain.name()).update();
        insertSenders(domain);
    }

    public boolean delete(String name) {
        return jdbc.sql("DELETE FROM tenant_domain WHERE name = ?").param(name).update() > 0;
    }

    private void insertSenders(TenantDomain domain) {
        for (CidrRange range : domain.allowedSenders()) {
            jdbc.sql("INSERT INTO allowed_sender (domain_name, cidr) VALUES (?, ?)")
                    .params(domain.name(), range.toString()).update();
        }
    }

    private static List<Object> columns(TenantDomain domain) {
        Optional<NextHop> hop = domain.receivingServer();
        List<Object> values = new ArrayList<>();
        values.add(domain.tenantId());
        values.add(domain.kind().name());
        values.add(domain.cluster().orElse(null));
        values.add(domain.direction().name());
        values.add(hop.map(NextHop::host).orElse(null));
        values.add(hop.map(NextHop::port).orElse(null));
        values.add(hop.map(h -> h.tls().name()).orElse(null));
        values.add(domain.unmappedPolicy().name());
        values.add(domain.catchAllMailbox().map(MailAddress::toString).orElse(null));
        values.add(domain.name());
        return values;
    }

    /** One row per allowed sender: rows of one domain are folded into one {@link TenantDomain}. */
    private List<TenantDomain> query(String sql, Map<String, ?> params) {
        Map<String, Row> rows = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query(resultSet -> {
            Row row = rows.computeIfAbsent(string(resultSet, "name"), name -> new Row(resultSet));
            String cidr = string(resultSet, "cidr");
            if (cidr != null) {
                row.senders.add(CidrRange.parse(cidr));
            }
        });
        return rows.values().stream().map(Row::toDomain).toList();
    }

    private static String string(ResultSet row, String column) {
        try {
            return row.getString(column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The columns of one domain row, read while the cursor is on it. */
    private static final class Row {
        final List<CidrRange> senders = new ArrayList<>();
        final String name;
        final long tenantId;
        final String kind;
        final String cluster;
        final String direction;
        final String host;
        final int port;
        final String tls;
        final String unmapped;
        final String catchAll;

        Row(ResultSet row) {
            try {
                name = row.getString("name");
                tenantId = row.getLong("tenant_id");
                kind = row.getString("kind");
                cluster = row.getString("cluster");
                direction = row.getString("direction");
                host = row.getString("receiving_host");
                port = row.getInt("receiving_port");
                tls = row.getString("receiving_tls");
                unmapped = row.getString("unmapped_policy");
                catchAll = row.getString("catch_all_mailbox");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        TenantDomain toDomain() {
            Optional<NextHop> hop = host == null ? Optional.empty()
                    : Optional.of(NextHop.of(host, port, TlsMode.valueOf(tls)));
            return new TenantDomain(name, tenantId, DomainKind.valueOf(kind), Optional.ofNullable(cluster),
                    SendDirection.valueOf(direction), hop, UnmappedPolicy.valueOf(unmapped),
                    Optional.ofNullable(catchAll).map(MailAddress::parse), senders);
        }
    }
}
