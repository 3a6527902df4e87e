package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.ClusterRepository;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.OperatorSettingsRepository;
import de.poststelle.store.tenant.QueuedMailClusters;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * A tenant's (sub)domains. The operator decides what a domain is and where it runs (kind, cluster,
 * send direction, allowed sending servers); the tenant's technical admin decides where its mail
 * goes (receiving server) and what happens to unmapped addresses.
 */
@Transactional
public class DomainService {

    /** What only an operator sets. */
    public record OperatorSettings(DomainKind kind, Optional<String> cluster, SendDirection direction,
                                   List<CidrRange> allowedSenders) {
    }

    /** What the tenant's technical admin sets. */
    public record DeliverySettings(Optional<NextHop> receivingServer, UnmappedPolicy unmappedPolicy,
                                   Optional<MailAddress> catchAllMailbox) {
    }

    private final DomainRepository domains;
    private final ClusterRepository clusters;
    private final OperatorSettingsRepository gatewaySettings;
    private final QueuedMailClusters queuedMail;
    private final AccessControl access;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    public DomainService(DomainRepository domains, ClusterRepository clusters, OperatorSettingsRepository gatewaySettings,
                         QueuedMailClusters queuedMail, AccessControl access, AuditTrail audit,
                         ApplicationEventPublisher events) {
        this.domains = domains;
        this.clusters = clusters;
        this.gatewaySettings = gatewaySettings;
        this.queuedMail = queuedMail;
        this.access = access;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<TenantDomain> list(Actor actor, long tenantId) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        return domains.ofTenant(tenantId);
    }

    @Transactional(readOnly = true)
    public TenantDomain get(Actor actor, String name) {
        TenantDomain domain = domains.find(TenantDomain.normalizeName(name))
                .orElseThrow(() -> new NotFoundException("domain " + name + " not found"));
        if (!actor.authority().may(Permission.VIEW_TENANT, domain.tenantId())) {
            throw new NotFoundException("domain " + name + " not found");
        }
        return domain;
    }

    public TenantDomain create(Actor actor, long tenantId, String name, OperatorSettings operator,
                               DeliverySettings delivery) {
        access.require(actor, Permission.OPERATE, tenantId);
        TenantDomain domain = compose(TenantDomain.normalizeName(name), tenantId, withDefaultCluster(operator),
                delivery);
        if (domains.find(domain.name()).isPresent()) {
            throw new ConflictException("domain " + domain.name() + " is served already");
        }
        domains.insert(domain);
        audit.record(actor, tenantId, Permission.OPERATE, "domain.create", domain.name(), describe(domain));
        changed(domain);
        return domain;
    }

    public TenantDomain updateOperatorSettings(Actor actor, String name, OperatorSettings settings) {
        TenantDomain before = get(actor, name);
        access.require(actor, Permission.OPERATE, before.tenantId());
        TenantDomain after = compose(before.name(), before.tenantId(), settings, deliverySettings(before));
        return store(actor, Permission.OPERATE, "domain.update-operator-settings", before, after);
    }

    public TenantDomain updateDeliverySettings(Actor actor, String name, DeliverySettings settings) {
        TenantDomain before = get(actor, name);
        access.require(actor, Permission.MANAGE_DELIVERY, before.tenantId());
        TenantDomain after = compose(before.name(), before.tenantId(), operatorSettings(before), settings);
        return store(actor, Permission.MANAGE_DELIVERY, "domain.update-delivery-settings", before, after);
    }

    public void delete(Actor actor, String name) {
        TenantDomain domain = get(actor, name);
        access.require(actor, Permission.OPERATE, domain.tenantId());
        domains.delete(domain.name());
        audit.record(actor, domain.tenantId(), Permission.OPERATE, "domain.delete", domain.name(), describe(domain));
        changed(domain);
    }

    private TenantDomain store(Actor actor, Permission used, String action, TenantDomain before, TenantDomain after) {
        domains.update(after);
        String moved = before.cluster().equals(after.cluster()) ? "" : followingMail(after);
        audit.record(actor, after.tenantId(), used, action, after.name(),
                "before: " + describe(before) + "; after: " + describe(after) + moved);
        changed(after);
        return after;
    }

    private TenantDomain compose(String name, long tenantId, OperatorSettings operator, DeliverySettings delivery) {
        operator.cluster().ifPresent(cluster -> {
            if (clusters.find(cluster).isEmpty()) {
                throw new IllegalArgumentException("no gateway cluster named " + cluster);
            }
        });
        delivery.catchAllMailbox().ifPresent(mailbox -> {
            boolean receivingOwnMailDomain = domains.find(mailbox.domain())
                    .filter(d -> d.tenantId() == tenantId && d.kind() == DomainKind.MAIL && d.direction().receives())
                    .isPresent();
            if (!receivingOwnMailDomain) {
                throw new IllegalArgumentException("the catch-all mailbox " + mailbox
                        + " must be in one of the tenant's mail domains that receive mail");
            }
        });
        return new TenantDomain(name, tenantId, operator.kind(), operator.cluster(), operator.direction(),
                delivery.receivingServer(), delivery.unmappedPolicy(), delivery.catchAllMailbox(),
                operator.allowedSenders());
    }

    /**
     * Mail of the domain that is still queued moves with it, in this transaction: to its new cluster,
     * or to the default cluster when it has none. Without a default it stays where it is.
     */
    private String followingMail(TenantDomain domain) {
        return domain.cluster().or(() -> gatewaySettings.load().defaultCluster())
                .map(cluster -> "; queued mails moved to cluster " + cluster + ": "
                        + queuedMail.followDomain(domain.name(), cluster))
                .orElse("");
    }

    /** A new domain that names no cluster runs in the operator's default cluster, if one is set. */
    private OperatorSettings withDefaultCluster(OperatorSettings requested) {
        if (requested.cluster().isPresent()) {
            return requested;
        }
        return new OperatorSettings(requested.kind(), gatewaySettings.load().defaultCluster(), requested.direction(),
                requested.allowedSenders());
    }

    private static OperatorSettings operatorSettings(TenantDomain domain) {
        return new OperatorSettings(domain.kind(), domain.cluster(), domain.direction(), domain.allowedSenders());
    }

    private static DeliverySettings deliverySettings(TenantDomain domain) {
        return new DeliverySettings(domain.receivingServer(), domain.unmappedPolicy(), domain.catchAllMailbox());
    }

    private static String describe(TenantDomain domain) {
        return domain.kind() + ", cluster " + domain.cluster().orElse("-") + ", " + domain.direction()
                + ", receiving server " + domain.receivingServer().map(h -> h + " " + h.tls()).orElse("-")
                + ", " + domain.unmappedPolicy() + domain.catchAllMailbox().map(m -> " -> " + m).orElse("")
                + ", allowed senders " + domain.allowedSenders();
    }

    private void changed(TenantDomain domain) {
        events.publishEvent(new ConfigurationChanged("domain " + domain.name()));
    }
}
