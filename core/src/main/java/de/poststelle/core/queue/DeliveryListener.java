package de.poststelle.core.queue;

import de.poststelle.core.RecipientOutcome;

import java.util.List;

/** Told what the next hop answered for each recipient of one delivery attempt, e.g. for a message trace. */
@FunctionalInterface
public interface DeliveryListener {

    DeliveryListener NONE = (job, outcomes) -> {
    };

    void attempted(DeliveryJob job, List<RecipientOutcome> outcomes);
}
