package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.TermsAcceptance;
import de.poststelle.store.tenant.TenantRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Tenants: operators create and remove them; a tenant's user admin keeps its contact and accepts the terms. */
@Transactional
public class TenantService {

    private final TenantRepository tenants;
    private final AccessControl access;
    private final AuditTrail audit;
    private final Clock clock;

    public TenantService(TenantRepository tenants, AccessControl access, AuditTrail audit, Clock clock) {
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Tenant> list(Actor actor) {
        return actor.authority().isOperator() ? tenants.all() : tenants.withIds(actor.authority().tenantIds());
    }

    @Transactional(readOnly = true)
    public Tenant get(Actor actor, long id) {
        access.require(actor, Permission.VIEW_TENANT, id);
        return tenants.find(id).orElseThrow(() -> new NotFoundException("tenant " + id + " not found"));
    }

    public Tenant create(Actor actor, String name, Contact contact) {
        access.requireOperator(actor);
        String cleanName = requireName(name);
        if (tenants.findByName(cleanName).isPresent()) {
            throw new ConflictException("a tenant named " + cleanName + " exists already");
        }
        Tenant tenant = tenants.create(cleanName, contact);
        audit.record(actor, tenant.id(), Permission.OPERATE, "tenant.create", cleanName, describe(contact));
        return tenant;
    }

    public Tenant update(Actor actor, long id, String name, Contact contact) {
        access.require(actor, Permission.MANAGE_ADMINS, id);
        Tenant before = get(actor, id);
        String cleanName = requireName(name);
        if (!cleanName.equals(before.name())) {
            access.require(actor, Permission.OPERATE, id);
            if (tenants.findByName(cleanName).isPresent()) {
                throw new ConflictException("a tenant named " + cleanName + " exists already");
            }
        }
        tenants.update(id, cleanName, contact);
        audit.record(actor, id, Permission.MANAGE_ADMINS, "tenant.update", cleanName,
                "before: " + before.name() + " (" + describe(before.contact()) + "); after: " + cleanName + " ("
                        + describe(contact) + ")");
        return get(actor, id);
    }

    public Tenant acceptTerms(Actor actor, long id, String version) {
        access.require(actor, Permission.MANAGE_ADMINS, id);
        if (version == null || !version.strip().matches(OperatorSettings.TERMS_VERSION_PATTERN)) {
            throw new IllegalArgumentException("terms version must be 1 to 32 letters, digits or . _ -");
        }
        tenants.acceptTerms(id, new TermsAcceptance(version.strip(), actor.username(), clock.instant()));
        audit.record(actor, id, Permission.MANAGE_ADMINS, "tenant.accept-terms", String.valueOf(id), version.strip());
        return get(actor, id);
    }

    public void delete(Actor actor, long id) {
        access.require(actor, Permission.OPERATE, id);
        Tenant tenant = get(actor, id);
        if (!tenants.deleteIfEmpty(id)) {
            throw new ConflictException("tenant " + tenant.name()
                    + " still has domains, mappings, admins, delegations or requests");
        }
        audit.record(actor, id, Permission.OPERATE, "tenant.delete", tenant.name(), "");
    }

    /** The contact as an admin reads it in the audit log, e.g. "Frau Muster, it@amt.example, 0351 1". */
    private static String describe(Contact contact) {
        return Stream.of(contact.name(), contact.email(), contact.phone()).filter(part -> !part.isEmpty())
                .collect(Collectors.joining(", "));
    }

    private static String requireName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200) {
            throw new IllegalArgumentException("tenant name must have 1 to 200 characters");
        }
        return clean;
    }
}
