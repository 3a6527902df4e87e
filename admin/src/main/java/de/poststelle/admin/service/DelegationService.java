package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.tenant.AdminUser;
import de.poststelle.core.tenant.Delegation;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.Role;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.DelegationRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Delegations (Vollmachten): the tenant's user admin lets a service partner's admin act in given
 * roles for a period. Granting, revoking and every action taken through one are audited.
 */
@Transactional
public class DelegationService {

    /** A delegation with its grantee's user name and where it stands at the moment of the call. */
    public record Listed(Delegation delegation, String grantee, Delegation.State state) {
    }

    private final DelegationRepository delegations;
    private final AdminUserRepository users;
    private final AccessControl access;
    private final AuditTrail audit;
    private final Clock clock;

    public DelegationService(DelegationRepository delegations, AdminUserRepository users, AccessControl access,
                             AuditTrail audit, Clock clock) {
        this.delegations = delegations;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Listed> list(Actor actor, long tenantId) {
        access.require(actor, Permission.MANAGE_ADMINS, tenantId);
        return listed(delegations.ofTenant(tenantId));
    }

    /** The delegations granted to the actor, so a service partner sees for whom and until when it may act. */
    @Transactional(readOnly = true)
    public List<Listed> mine(Actor actor) {
        return listed(delegations.ofGrantee(actor.authority().user().id()));
    }

    /** Starts now unless {@code validFrom} is given; no end means unlimited (not for commissioning). */
    public Listed grant(Actor actor, long tenantId, String granteeUsername, Set<Role> roles, boolean commissioning,
                            Optional<Instant> validFrom, Optional<Instant> validUntil) {
        access.require(actor, Permission.MANAGE_ADMINS, tenantId);
        AdminUser grantee = users.findByUsername(granteeUsername)
                .orElseThrow(() -> new NotFoundException("no user " + granteeUsername));
        Instant now = clock.instant();
        Delegation delegation = delegations.create(new Delegation(0, tenantId, grantee.id(), roles, commissioning,
                validFrom.orElse(now), validUntil, actor.username(), now, Optional.empty()));
        audit.record(actor, tenantId, Permission.MANAGE_ADMINS, "delegation.grant", grantee.username(),
                "delegation " + delegation.id() + ", roles " + delegation.roles()
                        + (commissioning ? ", commissioning" : "") + ", from " + delegation.validFrom()
                        + " until " + delegation.validUntil().map(Instant::toString).orElse("unlimited"));
        return new Listed(delegation, grantee.username(), delegation.stateAt(clock.instant()));
    }

    public void revoke(Actor actor, long tenantId, long delegationId) {
        access.require(actor, Permission.MANAGE_ADMINS, tenantId);
        Delegation delegation = delegations.find(delegationId).filter(d -> d.tenantId() == tenantId)
                .orElseThrow(() -> new NotFoundException("delegation " + delegationId + " not found"));
        if (delegations.revoke(delegationId, actor.username(), clock.instant())) {
            String grantee = users.find(delegation.granteeUserId()).map(AdminUser::username).orElse("?");
            audit.record(actor, tenantId, Permission.MANAGE_ADMINS, "delegation.revoke", grantee,
                    "delegation " + delegationId);
        }
    }

    private List<Listed> listed(List<Delegation> found) {
        Instant now = clock.instant();
        return found.stream().map(delegation -> new Listed(delegation,
                users.find(delegation.granteeUserId()).map(AdminUser::username).orElse("#" + delegation.granteeUserId()),
                delegation.stateAt(now))).toList();
    }
}
