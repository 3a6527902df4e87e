package de.poststelle.admin.console;

import de.poststelle.core.tenant.Authority;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.Role;

import java.util.List;
import java.util.Set;

/**
 * The logged-in admin as pages see it, to show only the actions the user may take. The services
 * check every action again; this only keeps buttons away that would end in "forbidden".
 */
public record ConsoleUser(Authority authority) {

    public String username() {
        return authority.user().username();
    }

    public boolean operator() {
        return authority.isOperator();
    }

    public boolean may(String permission, long tenantId) {
        return authority.may(Permission.valueOf(permission), tenantId);
    }

    public Set<Role> roles(long tenantId) {
        return authority.roles(tenantId);
    }

    /** Operators read the whole log, user admins that of their tenants. */
    public boolean readsAudit() {
        return operator() || authority.tenantIds().stream().anyMatch(t -> authority.may(Permission.MANAGE_ADMINS, t));
    }

    /** Operators see the whole mail queue, technical admins that of their tenants. */
    public boolean readsQueue() {
        return operator() || !queueTenantIds().isEmpty();
    }

    /** The tenants in which this user is a technical admin; operators need none to see the queue. */
    public List<Long> queueTenantIds() {
        return authority.tenantIds().stream().filter(t -> authority.may(Permission.MANAGE_DELIVERY, t)).toList();
    }
}
