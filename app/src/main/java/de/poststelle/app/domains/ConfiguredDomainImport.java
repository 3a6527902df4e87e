package de.poststelle.app.domains;

import de.poststelle.admin.access.AuditTrail;
import de.poststelle.app.config.PoststelleProperties;
import de.poststelle.core.CidrRange;
import de.poststelle.core.NextHop;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;

/**
 * Brings the domains listed under {@code poststelle.domains} into the database at start, so a
 * first start can come from a configuration file. After that the database is the truth: a listed
 * domain that is there already is left as it is, whatever the file says.
 */
public final class ConfiguredDomainImport {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredDomainImport.class);
    private static final String ACTOR = "system";

    private final TenantRepository tenants;
    private final DomainRepository domains;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    public ConfiguredDomainImport(TenantRepository tenants, DomainRepository domains, AuditTrail audit,
                                  TransactionTemplate transactions) {
        this.tenants = tenants;
        this.domains = domains;
        this.audit = audit;
        this.transactions = transactions;
    }

    public void importMissing(List<PoststelleProperties.Domain> configured) {
        for (PoststelleProperties.Domain entry : configured) {
            transactions.executeWithoutResult(status -> importIfMissing(entry));
        }
    }

    private void importIfMissing(PoststelleProperties.Domain entry) {
        String name = TenantDomain.normalizeName(entry.getName());
        if (domains.find(name).isPresent()) {
            log.info("domain {} from poststelle.domains is in the database already; the database wins", name);
            return;
        }
        Tenant tenant = tenants.findByName(entry.getTenant()).orElseGet(() -> createTenant(entry.getTenant(), name));
        TenantDomain domain = toDomain(name, tenant.id(), entry);
        domains.insert(domain);
        String details = "from poststelle.domains: tenant " + tenant.name() + ", receiving server "
                + domain.receivingServer().map(hop -> hop + " " + hop.tls()).orElse("-")
                + ", allowed senders " + domain.allowedSenders();
        audit.recordSystem(ACTOR, "", "domain.import", name, details);
        log.info("imported domain {} {}", name, details);
    }

    private Tenant createTenant(String tenantName, String forDomain) {
        Tenant tenant = tenants.create(tenantName, new Contact("", "", ""));
        audit.recordSystem(ACTOR, "", "tenant.import", tenant.name(), "for domain " + forDomain + " from poststelle.domains");
        log.info("created tenant {} for domain {} from poststelle.domains", tenant.name(), forDomain);
        return tenant;
    }

    private static TenantDomain toDomain(String name, long tenantId, PoststelleProperties.Domain entry) {
        PoststelleProperties.Hop server = entry.getReceivingServer();
        if (server != null && server.getClientCertificate() != null) {
            log.warn("poststelle.domains: the client certificate for {}'s receiving server is not imported; "
                    + "the database does not hold client certificates yet", name);
        }
        try {
            return new TenantDomain(name, tenantId, DomainKind.MAIL, Optional.empty(), SendDirection.SEND_AND_RECEIVE,
                    Optional.ofNullable(server).map(hop -> NextHop.of(hop.getHost(), hop.getPort(), hop.getTls())),
                    UnmappedPolicy.BOUNCE_ALL, Optional.empty(),
                    entry.getAllowedSenders().stream().map(CidrRange::parse).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("poststelle.domains: domain " + name + ": " + e.getMessage(), e);
        }
    }
}
