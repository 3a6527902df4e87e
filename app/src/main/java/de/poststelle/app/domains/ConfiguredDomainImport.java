package de.poststelle.app.domains;

import de.poststelle.admin.access.AuditTrail;
import de.poststelle.app.config.PoststelleProperties;
import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.MappingRepository;
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
    private final MappingRepository mappings;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    public ConfiguredDomainImport(TenantRepository tenants, DomainRepository domains, MappingRepository mappings,
                                  AuditTrail audit, TransactionTemplate transactions) {
        this.tenants = tenants;
        this.domains = domains;
        this.mappings = mappings;
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
        for (PoststelleProperties.Mapping configured : entryMappings(entry)) {
            AddressMapping mapping = new AddressMapping(tenant.id(), MailAddress.parse(configured.getEmail()),
                    MailAddress.parse(configured.getDemail()));
            mappings.add(mapping);
            audit.recordSystem(ACTOR, "", "mapping.import", mapping.demail().toString(),
                    "from poststelle.domains: " + mapping.email() + " <-> " + mapping.demail());
        }
    }

    private static List<PoststelleProperties.Mapping> entryMappings(PoststelleProperties.Domain entry) {
        if (entry.getKind() != DomainKind.DEMAIL && !entry.getMappings().isEmpty()) {
            throw new IllegalStateException("poststelle.domains: only a De-Mail domain has mappings: " + entry.getName());
        }
        return entry.getMappings();
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
            Optional<MailAddress> catchAll = Optional.ofNullable(entry.getCatchAll()).map(MailAddress::parse);
            return new TenantDomain(name, tenantId, entry.getKind(), Optional.empty(), SendDirection.SEND_AND_RECEIVE,
                    Optional.ofNullable(server).map(hop -> NextHop.of(hop.getHost(), hop.getPort(), hop.getTls())),
                    catchAll.isPresent() ? UnmappedPolicy.CATCH_ALL : UnmappedPolicy.BOUNCE_ALL, catchAll,
                    entry.getAllowedSenders().stream().map(CidrRange::parse).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("poststelle.domains: domain " + name + ": " + e.getMessage(), e);
        }
    }
}
