package de.poststelle.core;

import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.TenantDomain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The served domains as read at one moment. Domains are few and held whole; mappings may be many,
 * so each is looked up when first asked for and then remembered as long as this snapshot lives,
 * which gives both the same freshness.
 */
public final class DomainSnapshot implements DomainDirectory {

    private final Map<String, TenantDomain> domains = new LinkedHashMap<>();
    private final Function<MailAddress, Optional<AddressMapping>> byDemail;
    private final Function<MailAddress, Optional<AddressMapping>> byEmail;
    private final Map<MailAddress, Optional<AddressMapping>> demailMappings = new ConcurrentHashMap<>();
    private final Map<MailAddress, Optional<AddressMapping>> emailMappings = new ConcurrentHashMap<>();

    /** The lookups are asked with the lower-cased De-Mail or e-mail address. */
    public DomainSnapshot(Collection<TenantDomain> domains, Function<MailAddress, Optional<AddressMapping>> byDemail,
                          Function<MailAddress, Optional<AddressMapping>> byEmail) {
        domains.forEach(domain -> this.domains.put(domain.name(), domain));
        this.byDemail = byDemail;
        this.byEmail = byEmail;
    }

    @Override
    public Optional<TenantDomain> find(String domain) {
        return Optional.ofNullable(domains.get(domain.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Collection<TenantDomain> all() {
        return domains.values();
    }

    @Override
    public Optional<AddressMapping> mappingOf(MailAddress demail) {
        return demailMappings.computeIfAbsent(AddressMapping.normalize(demail), byDemail);
    }

    @Override
    public Optional<AddressMapping> mappingOfEmail(MailAddress email) {
        return emailMappings.computeIfAbsent(AddressMapping.normalize(email), byEmail);
    }
}
