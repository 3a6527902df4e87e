package de.poststelle.app.gateway;

import de.poststelle.store.tenant.NodeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the database which node runs in which cluster and that it is alive, so operators see the
 * cluster's nodes and when one was last heard of.
 */
public final class NodeHeartbeat implements ApplicationRunner, AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final NodeRepository nodes;
    private final String nodeId;
    private final String cluster;
    private final Clock clock;
    private final ScheduledExecutorService schedule =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("poststelle-heartbeat").daemon().factory());

    public NodeHeartbeat(NodeRepository nodes, String nodeId, String cluster, Clock clock) {
        this.nodes = nodes;
        this.nodeId = nodeId;
        this.cluster = cluster;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        nodes.started(nodeId, cluster, clock.instant());
        log.info("node {} runs in gateway cluster {}", nodeId, cluster);
        schedule.scheduleWithFixedDelay(this::beat, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    private void beat() {
        try {
            nodes.seen(nodeId, clock.instant());
        } catch (RuntimeException e) {
            log.warn("heartbeat of node {} failed: {}", nodeId, e.getMessage());
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
