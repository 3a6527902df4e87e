package de.poststelle.admin.console;

import de.poststelle.store.tenant.NodeRepository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Gateway nodes as the clusters page lists them: a node that has not sent a heartbeat for more
 * than two minutes gets a warning saying how long it has been silent, in the unit people would use.
 */
@Component
class NodeRows {

    static final Duration HEARTBEAT_LIMIT = Duration.ofMinutes(2);

    /** How long a node has been silent; {@code unit} names the message (minutes, hours, days). */
    record Silence(String unit, long amount) {
    }

    record NodeRow(NodeRepository.Node node, Optional<Silence> silence) {
    }

    private final Clock clock;

    NodeRows(Clock clock) {
        this.clock = clock;
    }

    List<NodeRow> of(List<NodeRepository.Node> nodes) {
        Instant now = clock.instant();
        return nodes.stream().map(node -> new NodeRow(node, silence(Duration.between(node.lastSeen(), now)))).toList();
    }

    static Optional<Silence> silence(Duration since) {
        if (since.compareTo(HEARTBEAT_LIMIT) <= 0) {
            return Optional.empty();
        }
        if (since.toMinutes() < 120) {
            return Optional.of(new Silence("minutes", since.toMinutes()));
        }
        if (since.toHours() < 48) {
            return Optional.of(new Silence("hours", since.toHours()));
        }
        return Optional.of(new Silence("days", since.toDays()));
    }
}
