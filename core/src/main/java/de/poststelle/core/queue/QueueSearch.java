package de.poststelle.core.queue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an administrator looks for in the queue; every part is optional and the parts combine with
 * AND. {@code queueId} must match exactly; {@code sender} and {@code recipient} are substrings,
 * case-insensitive ({@code "amt"} finds {@code Poststelle@Amt.example}); {@code states} matches
 * any of them, and an empty set means every state including {@link QueueState#DONE}. Blank text is
 * treated as absent, so a web form's empty fields need no special handling.
 */
public record QueueSearch(Optional<String> queueId, Optional<String> sender, Optional<String> recipient,
                          Set<QueueState> states) {

    private static final QueueSearch EVERYTHING = new QueueSearch(Optional.empty(), Optional.empty(),
            Optional.empty(), Set.of());

    public QueueSearch {
        queueId = nonBlank(queueId);
        sender = nonBlank(sender);
        recipient = nonBlank(recipient);
        states = Set.copyOf(states);
    }

    /** No filter: every mail in the caller's scope. */
    public static QueueSearch everything() {
        return EVERYTHING;
    }

    public QueueSearch withQueueId(String queueId) {
        return new QueueSearch(Optional.ofNullable(queueId), sender, recipient, states);
    }

    public QueueSearch withSender(String sender) {
        return new QueueSearch(queueId, Optional.ofNullable(sender), recipient, states);
    }

    public QueueSearch withRecipient(String recipient) {
        return new QueueSearch(queueId, sender, Optional.ofNullable(recipient), states);
    }

    public QueueSearch withStates(QueueState first, QueueState... more) {
        return new QueueSearch(queueId, sender, recipient, EnumSet.of(first, more));
    }

    private static Optional<String> nonBlank(Optional<String> text) {
        return text.map(String::strip).filter(s -> !s.isEmpty());
    }
}
