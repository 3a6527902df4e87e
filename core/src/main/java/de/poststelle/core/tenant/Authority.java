package de.poststelle.core.tenant;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one admin may do at one instant: roles granted in tenants plus those delegated and active
 * now. Computed fresh for every request, so an expired or revoked delegation stops working at once.
 */
public final class Authority {

    private final AdminUser user;
    private final Map<Long, Set<Role>> granted = new HashMap<>();
    private final Map<Long, Map<Role, Long>> delegated = new HashMap<>();

    private Authority(AdminUser user) {
        this.user = user;
    }

    public static Authority of(AdminUser user, Collection<RoleGrant> grants, Collection<Delegation> delegations,
                               Instant now) {
        Authority authority = new Authority(user);
        if (!user.enabled()) {
            return authority;
        }
        for (RoleGrant grant : grants) {
            if (grant.userId() == user.id()) {
                authority.granted.computeIfAbsent(grant.tenantId(), t -> EnumSet.noneOf(Role.class)).add(grant.role());
            }
        }
        for (Delegation delegation : delegations) {
            if (delegation.granteeUserId() == user.id() && delegation.activeAt(now)) {
                Map<Role, Long> roles = authority.delegated.computeIfAbsent(delegation.tenantId(), t -> new HashMap<>());
                delegation.roles().forEach(role -> roles.putIfAbsent(role, delegation.id()));
            }
        }
        return authority;
    }

    public AdminUser user() {
        return user;
    }

    public boolean isOperator() {
        return user.enabled() && user.operator();
    }

    /** The roles held in a tenant right now, whether granted or delegated. */
    public Set<Role> roles(long tenantId) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(granted.getOrDefault(tenantId, Set.of()));
        roles.addAll(delegated.getOrDefault(tenantId, Map.of()).keySet());
        return roles;
    }

    /** Tenants this admin holds any role in; an operator sees all tenants regardless. */
    public Set<Long> tenantIds() {
        Set<Long> ids = new TreeSet<>(granted.keySet());
        ids.addAll(delegated.keySet());
        return ids;
    }

    public boolean may(Permission permission, long tenantId) {
        if (isOperator()) {
            return true;
        }
        Set<Role> roles = roles(tenantId);
        if (permission == Permission.OPERATE) {
            return false;
        }
        return permission.role().map(roles::contains).orElse(!roles.isEmpty());
    }

    /**
     * The delegation this permission is used through, when only a delegation grants it; audit
     * entries name it so a tenant can see what a service partner did.
     */
    public Optional<Long> delegationUsedFor(Permission permission, long tenantId) {
        if (isOperator() || !may(permission, tenantId)) {
            return Optional.empty();
        }
        Set<Role> own = granted.getOrDefault(tenantId, Set.of());
        Map<Role, Long> viaDelegation = delegated.getOrDefault(tenantId, Map.of());
        Optional<Role> role = permission.role();
        if (role.isPresent()) {
            return own.contains(role.get()) ? Optional.empty() : Optional.ofNullable(viaDelegation.get(role.get()));
        }
        return own.isEmpty() ? viaDelegation.values().stream().findFirst() : Optional.empty();
    }
}
