package de.poststelle.admin.service;

import de.poststelle.admin.access.NotFoundException;
import de.poststelle.store.tenant.TenantRepository;

/** For settings stored per tenant: a tenant that does not exist has none, and is a 404. */
final class ExistingTenants {

    private ExistingTenants() {
    }

    static void require(TenantRepository tenants, long tenantId) {
        if (tenants.find(tenantId).isEmpty()) {
            throw new NotFoundException("tenant " + tenantId + " not found");
        }
    }
}
