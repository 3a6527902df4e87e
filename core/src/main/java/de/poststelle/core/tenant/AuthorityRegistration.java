package de.poststelle.core.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An authority's request to use the gateway actively: its mail domains are to be served, with mail
 * for them going to its receiving server. An operator approves it (creating the tenant) or rejects
 * it with a reason; the requester quotes the {@code reference}.
 */
public record AuthorityRegistration(long id, String reference, Request request, State state, Instant submittedAt,
                                    Optional<String> decidedBy, Optional<Instant> decidedAt, String reason,
                                    Optional<Long> tenantId) {

    public enum State { OPEN, APPROVED, REJECTED }

    /** What the requester filled in, already checked and normalised (domains lower-case). */
    public record Request(String authorityName, String contactPerson, String contactEmail, String phone,
                          List<String> domains, String mailServer, String remark) {

        public Request {
            domains = List.copyOf(domains);
        }
    }

    public boolean open() {
        return state == State.OPEN;
    }
}
