package de.poststelle.store.tenant;

import de.poststelle.core.tenant.GatewayCluster;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/** Gateway clusters; a cluster with domains assigned to it cannot be deleted. */
public final class ClusterRepository {

    private final JdbcClient jdbc;

    public ClusterRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public List<GatewayCluster> all() {
        return jdbc.sql("SELECT name, description FROM gateway_cluster ORDER BY name")
                .query((row, n) -> new GatewayCluster(row.getString("name"), row.getString("description")))
                .list();
    }

    public Optional<GatewayCluster> find(String name) {
        return all().stream().filter(cluster -> cluster.name().equals(name)).findFirst();
    }

    /** Creates the cluster, or updates its description if it exists. */
    public void save(GatewayCluster cluster) {
        int updated = jdbc.sql("UPDATE gateway_cluster SET description = ? WHERE name = ?")
                .params(cluster.description(), cluster.name()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO gateway_cluster (name, description) VALUES (?, ?)")
                    .params(cluster.name(), cluster.description()).update();
        }
    }

    public boolean inUse(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM tenant_domain WHERE cluster = ?").param(name)
                .query(Long.class).single() > 0;
    }

    public boolean delete(String name) {
        return jdbc.sql("DELETE FROM gateway_cluster WHERE name = ?").param(name).update() > 0;
    }
}
