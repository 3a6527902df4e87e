package de.poststelle.admin.access;

import de.poststelle.core.tenant.AdminUser;
import de.poststelle.core.tenant.Authority;
import de.poststelle.core.tenant.Permission;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.DelegationRepository;

import java.time.Clock;

/**
 * The one place that decides whether an actor may act in a tenant. A tenant the actor holds no
 * role in is reported as not found, so its existence does not leak.
 */
public final class AccessControl {

    private final AdminUserRepository users;
    private final DelegationRepository delegations;
    private final Clock clock;

    public AccessControl(AdminUserRepository users, DelegationRepository delegations, Clock clock) {
        this.users = users;
        this.delegations = delegations;
        this.clock = clock;
    }

    /** Roles and delegations as they stand now; call per request, never cache. */
    public Authority authorityOf(AdminUser user) {
        return Authority.of(user, users.grantsOf(user.id()), delegations.ofGrantee(user.id()), clock.instant());
    }

    public void require(Actor actor, Permission permission, long tenantId) {
        Authority authority = actor.authority();
        if (!authority.may(Permission.VIEW_TENANT, tenantId)) {
            throw new NotFoundException("tenant " + tenantId + " not found");
        }
        if (!authority.may(permission, tenantId)) {
            throw new ForbiddenException(permission.role()
                    .map(role -> "this needs the role " + role + " in the tenant")
                    .orElse("only an operator may do this"));
        }
    }

    public void requireOperator(Actor actor) {
        if (!actor.authority().isOperator()) {
            throw new ForbiddenException("only an operator may do this");
        }
    }
}
