package de.poststelle.core.tenant;

/** A role a user holds in a tenant for good (until taken away), as opposed to a {@link Delegation}. */
public record RoleGrant(long userId, long tenantId, Role role) {
}
