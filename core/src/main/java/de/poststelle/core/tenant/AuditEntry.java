package de.poststelle.core.tenant;

import java.time.Instant;
import java.util.Optional;

/**
 * One admin action as it is kept in the audit log: who, when, from where, in which tenant, what,
 * and through which delegation if the actor acted for a tenant as a service partner.
 */
public record AuditEntry(long id, Instant at, String actor, String remoteAddress, Optional<Long> tenantId,
                         String action, String target, String details, Optional<Long> delegationId) {
}
