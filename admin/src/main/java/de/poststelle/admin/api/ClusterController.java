package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.ClusterService;
import de.poststelle.core.tenant.GatewayCluster;
import de.poststelle.store.tenant.NodeRepository;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Gateway clusters (operators only). PUT creates or updates, so the cluster name is the key. */
@RestController
@RequestMapping("/api/v1/clusters")
class ClusterController {

    private final ClusterService clusters;

    ClusterController(ClusterService clusters) {
        this.clusters = clusters;
    }

    @GetMapping
    List<ClusterDto> listClusters(Actor actor) {
        return clusters.list(actor).stream().map(ClusterDto::from).toList();
    }

    /** Every node that ran against this database, with its cluster and last heartbeat. */
    @GetMapping("/nodes")
    List<NodeRepository.Node> listNodes(Actor actor) {
        return clusters.nodes(actor);
    }

    @PutMapping("/{name}")
    ClusterDto saveCluster(Actor actor, @PathVariable String name, @Valid @RequestBody ClusterDto.ClusterSettings settings) {
        GatewayCluster cluster = new GatewayCluster(name, settings.description());
        clusters.save(actor, cluster);
        return ClusterDto.from(cluster);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteCluster(Actor actor, @PathVariable String name) {
        clusters.delete(actor, name);
    }
}
