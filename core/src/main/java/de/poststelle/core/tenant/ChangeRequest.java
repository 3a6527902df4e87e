package de.poststelle.core.tenant;

import java.time.Instant;
import java.util.Optional;

/**
 * A request for one of the standard scenarios of the De-Mail Gateway Service, filed by a tenant or
 * a service partner and carried out by the role responsible for it. A request for a new tenant has
 * no tenant yet.
 */
public record ChangeRequest(long id, Optional<Long> tenantId, Scenario scenario, State state, String description,
                            String requestedBy, Instant requestedAt, Optional<String> handledBy, Instant updatedAt,
                            String note) {

    public enum Scenario {
        /** Open a De-Mail account and connect the tenant to the gateway: the operator's job. */
        NEW_TENANT(null),
        /** A new mailbox, i.e. an address mapping. */
        NEW_MAILBOX(Role.ACCOUNT_ADMIN),
        /** A new (sub)domain: the operator's job. */
        NEW_SUBDOMAIN(null),
        /** A new gateway admin of the tenant. */
        NEW_GATEWAY_ADMIN(Role.USER_ADMIN);

        private final Role responsible;

        Scenario(Role responsible) {
            this.responsible = responsible;
        }

        /** The tenant role that carries the request out; empty when only an operator can. */
        public Optional<Role> responsible() {
            return Optional.ofNullable(responsible);
        }
    }

    public enum State {
        OPEN, IN_PROGRESS, DONE, REJECTED;

        public boolean canMoveTo(State next) {
            return switch (this) {
                case OPEN -> next != OPEN;
                case IN_PROGRESS -> next == DONE || next == REJECTED;
                case DONE, REJECTED -> false;
            };
        }
    }
}
