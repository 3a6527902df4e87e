package de.poststelle.core.queue;

import de.poststelle.core.ClientInfo;

import java.util.List;

/**
 * Everything the queue knows about one mail, for an administrator: the list line, the client that
 * handed it to us, how often the pipeline tried it, and each recipient (the envelope's recipients,
 * in their original order) with its own state.
 */
public record MessageDetails(MessageSummary summary, ClientInfo client, int pipelineAttempts,
                             List<RecipientStatus> recipients) {

    public MessageDetails {
        recipients = List.copyOf(recipients);
    }
}
