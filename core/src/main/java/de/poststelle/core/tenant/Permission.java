package de.poststelle.core.tenant;

import java.util.Optional;

/**
 * Everything an admin can do, each with the tenant role that allows it. Operator-only permissions
 * have no tenant role; operators hold every permission in every tenant.
 */
public enum Permission {
    /** See the tenant, its domains, settings and requests. Any role in the tenant. */
    VIEW_TENANT(null),
    /** Create tenants, clusters; assign domains to clusters; set send direction and allowed senders. */
    OPERATE(null),
    /** Grant and take back roles and delegations, accept the terms of use. */
    MANAGE_ADMINS(Role.USER_ADMIN),
    /** Set the receiving server and the CatchAll/BounceAll policy; see the tenant's mail queue. */
    MANAGE_DELIVERY(Role.TECHNICAL_ADMIN),
    /** Maintain address mappings. */
    MANAGE_MAPPINGS(Role.ACCOUNT_ADMIN),
    /** Import, generate, approve, revoke the tenant's keys and certificates and its trusted CAs. */
    MANAGE_KEYS(Role.TECHNICAL_ADMIN);

    private final Role role;

    Permission(Role role) {
        this.role = role;
    }

    /** The tenant role that grants this permission; empty for operator-only or any-role permissions. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }
}
