package de.poststelle.store.tenant;

import de.poststelle.core.tenant.GatewayCluster;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

/** The gateway nodes that have run against this database, with their cluster and last sign of life. */
public final class NodeRepository {

    public record Node(String nodeId, String cluster, Instant startedAt, Instant lastSeen) {
    }

    private final JdbcClient jdbc;
    private final ClusterRepository clusters;

    public NodeRepository(DataSource dataSource, ClusterRepository clusters) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clusters = clusters;
    }

    /** Registers the node at start; its cluster is created if the operator has not created it yet. */
    public void started(String nodeId, String cluster, Instant now) {
        if (clusters.find(cluster).isEmpty()) {
            clusters.save(new GatewayCluster(cluster, ""));
        }
        int updated = jdbc.sql("UPDATE gateway_node SET cluster = ?, started_at = ?, last_seen = ? WHERE node_id = ?")
                .params(cluster, Rows.timestamp(now), Rows.timestamp(now), nodeId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO gateway_node (node_id, cluster, started_at, last_seen) VALUES (?, ?, ?, ?)")
                    .params(nodeId, cluster, Rows.timestamp(now), Rows.timestamp(now)).update();
        }
    }

    public void seen(String nodeId, Instant now) {
        jdbc.sql("UPDATE gateway_node SET last_seen = ? WHERE node_id = ?").params(Rows.timestamp(now), nodeId).update();
    }

    public List<Node> all() {
        return jdbc.sql("SELECT node_id, cluster, started_at, last_seen FROM gateway_node ORDER BY cluster, node_id")
                .query((row, n) -> new Node(row.getString("node_id"), row.getString("cluster"),
                        Rows.instant(row, "started_at"), Rows.instant(row, "last_seen")))
                .list();
    }
}
