package de.poststelle.core.trace;

import java.time.Instant;
import java.util.List;

/** One outgoing De-Mail as recorded: its dispatch and everything that happened to it since, oldest first. */
public record DemailTrace(DemailDispatch dispatch, Instant dispatchedAt, List<Event> events) {

    public DemailTrace {
        events = List.copyOf(events);
    }

    public enum EventKind { PROVIDER_ANSWER, NOTICE }

    /**
     * A provider answer ({@code subject}: the recipient, {@code detail}: the SMTP reply) or a notice
     * ({@code subject}: its kind, e.g. receipt-confirmation, {@code detail}: its own Message-ID).
     */
    public record Event(Instant at, EventKind kind, String subject, String detail) {
    }
}
