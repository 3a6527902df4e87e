package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.tenant.GatewayCluster;
import de.poststelle.store.tenant.ClusterRepository;
import de.poststelle.store.tenant.NodeRepository;
import de.poststelle.store.tenant.OperatorSettingsRepository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Gateway clusters and their nodes: the operator's business alone. */
@Transactional
public class ClusterService {

    private final ClusterRepository clusters;
    private final NodeRepository nodes;
    private final OperatorSettingsRepository gatewaySettings;
    private final AccessControl access;
    private final AuditTrail audit;

    public ClusterService(ClusterRepository clusters, NodeRepository nodes, OperatorSettingsRepository gatewaySettings,
                          AccessControl access, AuditTrail audit) {
        this.clusters = clusters;
        this.nodes = nodes;
        this.gatewaySettings = gatewaySettings;
        this.access = access;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<GatewayCluster> list(Actor actor) {
        access.requireOperator(actor);
        return clusters.all();
    }

    /** The nodes that ever ran against this database, with their cluster and last heartbeat. */
    @Transactional(readOnly = true)
    public List<NodeRepository.Node> nodes(Actor actor) {
        access.requireOperator(actor);
        return nodes.all();
    }

    public void save(Actor actor, GatewayCluster cluster) {
        access.requireOperator(actor);
        boolean exists = clusters.find(cluster.name()).isPresent();
        clusters.save(cluster);
        audit.record(actor, exists ? "cluster.update" : "cluster.create", cluster.name(), cluster.description());
    }

    public void delete(Actor actor, String name) {
        access.requireOperator(actor);
        if (clusters.inUse(name)) {
            throw new ConflictException("cluster " + name + " still has domains assigned");
        }
        if (gatewaySettings.isDefaultCluster(name)) {
            throw new ConflictException("cluster " + name + " is the default cluster in the settings; choose another first");
        }
        if (!clusters.delete(name)) {
            throw new NotFoundException("cluster " + name + " not found");
        }
        audit.record(actor, "cluster.delete", name, "");
    }
}
