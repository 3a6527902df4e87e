package de.poststelle.app;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DomainService;
import de.poststelle.admin.service.MappingService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.AdminUserRepository;

import java.util.List;
import java.util.Optional;

/**
 * Tenants, domains and mappings made through the admin services, as the first operator would.
 * A test imports it ({@code @Import}); it is no component, so other tests' contexts stay as they are.
 */
final class TenantSetup {

    private final AdminUserRepository users;
    private final AccessControl access;
    private final TenantService tenants;
    private final DomainService domains;
    private final MappingService mappings;

    TenantSetup(AdminUserRepository users, AccessControl access, TenantService tenants, DomainService domains,
                MappingService mappings) {
        this.users = users;
        this.access = access;
        this.tenants = tenants;
        this.domains = domains;
        this.mappings = mappings;
    }

    /** Asked for each time: the first operator exists only once the database is migrated. */
    Actor operator() {
        return new Actor(access.authorityOf(users.findByUsername("admin").orElseThrow()), "127.0.0.1");
    }

    long tenant(String name) {
        return tenants.create(operator(), name, new Contact("Poststelle", "it@" + name + ".example", "")).id();
    }

    /** A mail domain whose servers on loopback may send, receiving at {@code server}. */
    void mailDomain(long tenant, String name, SendDirection direction, NextHop server) {
        domains.create(operator(), tenant, name,
                new DomainService.OperatorSettings(DomainKind.MAIL, Optional.empty(), direction,
                        List.of(CidrRange.parse("127.0.0.1"))),
                new DomainService.DeliverySettings(Optional.of(server), UnmappedPolicy.BOUNCE_ALL, Optional.empty()));
    }

    void demailDomain(long tenant, String name, SendDirection direction, Optional<MailAddress> catchAll) {
        domains.create(operator(), tenant, name,
                new DomainService.OperatorSettings(DomainKind.DEMAIL, Optional.empty(), direction, List.of()),
                new DomainService.DeliverySettings(Optional.empty(),
                        catchAll.isPresent() ? UnmappedPolicy.CATCH_ALL : UnmappedPolicy.BOUNCE_ALL, catchAll));
    }

    void map(long tenant, String email, String demail) {
        mappings.add(operator(), tenant, MailAddress.parse(email), MailAddress.parse(demail));
    }

    void unmap(long tenant, String email) {
        mappings.remove(operator(), tenant, MailAddress.parse(email));
    }

    void catchAll(String demailDomain, String mailbox) {
        domains.updateDeliverySettings(operator(), demailDomain, new DomainService.DeliverySettings(
                Optional.empty(), UnmappedPolicy.CATCH_ALL, Optional.of(MailAddress.parse(mailbox))));
    }
}
