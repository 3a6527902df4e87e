package de.poststelle.core.queue;

import java.time.Instant;
import java.util.List;

/**
 * A mail held in quarantine (e.g. because a virus was found): not delivered, content kept for an
 * administrator to inspect, release or delete. {@code sender} is {@code ""} for the null sender.
 */
public record QuarantineEntry(String queueId, String sender, List<String> recipients, String reason,
                              Instant receivedAt, Instant quarantinedAt, long size) {

    public QuarantineEntry {
        recipients = List.copyOf(recipients);
    }
}
