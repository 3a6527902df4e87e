package de.poststelle.admin.access;

import de.poststelle.core.tenant.AuditEntry;
import de.poststelle.core.tenant.Permission;
import de.poststelle.store.tenant.AuditLogRepository;

import java.time.Clock;
import java.util.Optional;

/**
 * Writes audit entries. Services call it inside their transaction, so a change and its entry are
 * stored together or not at all.
 */
public final class AuditTrail {

    private final AuditLogRepository log;
    private final Clock clock;

    public AuditTrail(AuditLogRepository log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** An action in a tenant; names the delegation if that is what allowed it. */
    public void record(Actor actor, long tenantId, Permission used, String action, String target, String details) {
        log.append(new AuditEntry(0, clock.instant(), actor.username(), actor.remoteAddress(), Optional.of(tenantId),
                action, target, details, actor.authority().delegationUsedFor(used, tenantId)));
    }

    /** An action outside any tenant, e.g. on clusters or operator accounts. */
    public void record(Actor actor, String action, String target, String details) {
        log.append(new AuditEntry(0, clock.instant(), actor.username(), actor.remoteAddress(), Optional.empty(),
                action, target, details, Optional.empty()));
    }

    /** Something the system did by itself or that has no logged-in actor, e.g. a failed login. */
    public void recordSystem(String actor, String remoteAddress, String action, String target, String details) {
        log.append(new AuditEntry(0, clock.instant(), actor, remoteAddress, Optional.empty(), action, target, details,
                Optional.empty()));
    }
}
