package de.poststelle.admin.api;

import de.poststelle.core.tenant.GatewayCluster;
import jakarta.validation.constraints.Size;

/** A gateway cluster as the API shows it. */
public record ClusterDto(String name, String description) {

    /** What can be set on a cluster; its name is in the path. */
    public record ClusterSettings(@Size(max = 500) String description) {
    }

    static ClusterDto from(GatewayCluster cluster) {
        return new ClusterDto(cluster.name(), cluster.description());
    }
}
