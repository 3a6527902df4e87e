package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.Permission;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.MappingRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Address mappings, kept by the tenant's account admin. Both addresses must lie in the tenant's
 * own domains (the De-Mail address in a De-Mail domain, the e-mail address in a mail domain), so
 * no tenant can divert another tenant's mail.
 */
@Transactional
public class MappingService {

    private final MappingRepository mappings;
    private final DomainRepository domains;
    private final AccessControl access;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    public MappingService(MappingRepository mappings, DomainRepository domains, AccessControl access, AuditTrail audit,
                          ApplicationEventPublisher events) {
        this.mappings = mappings;
        this.domains = domains;
        this.access = access;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<AddressMapping> list(Actor actor, long tenantId) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        return mappings.ofTenant(tenantId);
    }

    public AddressMapping add(Actor actor, long tenantId, MailAddress email, MailAddress demail) {
        access.require(actor, Permission.MANAGE_MAPPINGS, tenantId);
        AddressMapping mapping = validate(tenantId, email, demail);
        mappings.add(mapping);
        audit.record(actor, tenantId, Permission.MANAGE_MAPPINGS, "mapping.add", mapping.email().toString(),
                mapping.email() + " <-> " + mapping.demail());
        events.publishEvent(new ConfigurationChanged("mapping " + mapping.email()));
        return mapping;
    }

    public void remove(Actor actor, long tenantId, MailAddress email) {
        access.require(actor, Permission.MANAGE_MAPPINGS, tenantId);
        AddressMapping existing = mappings.byEmail(email).filter(m -> m.tenantId() == tenantId)
                .orElseThrow(() -> new NotFoundException("no mapping for " + email));
        mappings.remove(tenantId, existing.email());
        audit.record(actor, tenantId, Permission.MANAGE_MAPPINGS, "mapping.remove", existing.email().toString(),
                existing.email() + " <-> " + existing.demail());
        events.publishEvent(new ConfigurationChanged("mapping " + existing.email()));
    }

    /** Checks one mapping against the tenant's domains and the stored mappings; throws with the reason. */
    public AddressMapping validate(long tenantId, MailAddress email, MailAddress demail) {
        AddressMapping mapping = new AddressMapping(tenantId, email, demail);
        domainProblem(mapping).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (mappings.byEmail(mapping.email()).isPresent()) {
            throw new ConflictException(mapping.email() + " is mapped already");
        }
        if (mappings.byDemail(mapping.demail()).isPresent()) {
            throw new ConflictException(mapping.demail() + " is mapped already");
        }
        return mapping;
    }

    /** Why the mapping's addresses are not in the tenant's own domains of the right kind, if they are not. */
    @Transactional(readOnly = true)
    public Optional<String> domainProblem(AddressMapping mapping) {
        return notOwn(mapping.tenantId(), mapping.email(), DomainKind.MAIL)
                .or(() -> notOwn(mapping.tenantId(), mapping.demail(), DomainKind.DEMAIL));
    }

    private Optional<String> notOwn(long tenantId, MailAddress address, DomainKind kind) {
        boolean own = domains.find(address.domain())
                .filter(domain -> domain.tenantId() == tenantId && domain.kind() == kind)
                .isPresent();
        return own ? Optional.empty() : Optional.of(address + " is not in one of the tenant's "
                + (kind == DomainKind.DEMAIL ? "De-Mail" : "mail") + " domains");
    }
}
