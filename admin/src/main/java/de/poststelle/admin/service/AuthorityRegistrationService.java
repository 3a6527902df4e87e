package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.tenant.AuthorityRegistrationNotices;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Operators decide the requests of authorities to use the gateway actively. Approving creates the
 * tenant and its mail domains through {@link TenantService} and {@link DomainService}, so their
 * rules and audit entries apply; the whole decision is one transaction, so a refusal by either
 * (a name or domain taken meanwhile) leaves the request open and nothing created.
 */
@Transactional
public class AuthorityRegistrationService {

    /** Where the gateway delivers the new domains' mail: the SMTP port, TLS when the server offers it. */
    private static final int SMTP_PORT = 25;
    private static final int MAX_REASON = 2000;

    private final AuthorityRegistrationRepository registrations;
    private final TenantService tenants;
    private final DomainService domains;
    private final AuthorityRegistrationNotices notices;
    private final AccessControl access;
    private final AuditTrail audit;
    private final Clock clock;

    public AuthorityRegistrationService(AuthorityRegistrationRepository registrations, TenantService tenants,
                                        DomainService domains, AuthorityRegistrationNotices notices,
                                        AccessControl access, AuditTrail audit, Clock clock) {
        this.registrations = registrations;
        this.tenants = tenants;
        this.domains = domains;
        this.notices = notices;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<AuthorityRegistration> list(Actor actor) {
        access.requireOperator(actor);
        return registrations.all();
    }

    @Transactional(readOnly = true)
    public AuthorityRegistration get(Actor actor, long id) {
        access.requireOperator(actor);
        return registrations.find(id).orElseThrow(() -> new NotFoundException("registration " + id + " not found"));
    }

    /** Creates the tenant, named as requested unless the operator gives another name, and its domains. */
    public AuthorityRegistration approve(Actor actor, long id, Optional<String> tenantName) {
        AuthorityRegistration registration = decide(actor, id, AuthorityRegistration.State.APPROVED, "");
        AuthorityRegistration.Request request = registration.request();
        Tenant tenant = tenants.create(actor, tenantName.filter(name -> !name.isBlank()).orElse(request.authorityName()),
                new Contact(request.contactPerson(), request.contactEmail(), request.phone()));
        NextHop receivingServer = NextHop.of(request.mailServer(), SMTP_PORT, TlsMode.OPPORTUNISTIC);
        for (String domain : request.domains()) {
            domains.create(actor, tenant.id(), domain,
                    new DomainService.OperatorSettings(DomainKind.MAIL, Optional.empty(), SendDirection.SEND_AND_RECEIVE,
                            List.of()),
                    new DomainService.DeliverySettings(Optional.of(receivingServer), UnmappedPolicy.BOUNCE_ALL,
                            Optional.empty()));
        }
        registrations.linkTenant(id, tenant.id());
        audit.record(actor, tenant.id(), Permission.OPERATE, "registration.approve", registration.reference(),
                request.authorityName() + " -> tenant " + tenant.name() + ": " + String.join(", ", request.domains()));
        AuthorityRegistration approved = registrations.find(id).orElseThrow();
        notices.approved(approved, tenant.name());
        return approved;
    }

    public AuthorityRegistration reject(Actor actor, long id, String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > MAX_REASON) {
            throw new IllegalArgumentException("give the requester a reason of 1 to " + MAX_REASON + " characters");
        }
        AuthorityRegistration rejected = decide(actor, id, AuthorityRegistration.State.REJECTED, text);
        audit.record(actor, "registration.reject", rejected.reference(), rejected.request().authorityName() + ": " + text);
        notices.rejected(rejected);
        return rejected;
    }

    private AuthorityRegistration decide(Actor actor, long id, AuthorityRegistration.State decision, String reason) {
        AuthorityRegistration registration = get(actor, id);
        if (!registrations.decide(id, decision, actor.username(), clock.instant(), reason)) {
            AuthorityRegistration decided = registrations.find(id).orElseThrow();
            throw new ConflictException("request " + decided.reference() + " was decided already (" + decided.state()
                    + " by " + decided.decidedBy().orElse("?") + "); nothing was changed");
        }
        return registrations.find(registration.id()).orElseThrow();
    }
}
