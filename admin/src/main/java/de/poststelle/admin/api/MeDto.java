package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;

import java.util.List;
import java.util.Set;

/**
 * The logged-in admin: who it is, whether it is an operator, the roles it holds per tenant right
 * now (granted or delegated) and the delegations active for it.
 */
public record MeDto(String username, String displayName, boolean operator, List<TenantRoles> tenants,
                    List<DelegationDto> activeDelegations) {

    public record TenantRoles(long tenantId, Set<Role> roles) {
    }
}
