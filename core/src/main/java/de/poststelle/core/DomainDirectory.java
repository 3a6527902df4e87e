package de.poststelle.core;

import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.TenantDomain;

import java.util.Collection;
import java.util.Optional;

/** The tenants' domains and De-Mail address mappings the gateway serves. Implementations may read a database. */
public interface DomainDirectory {

    Optional<TenantDomain> find(String domain);

    Collection<TenantDomain> all();

    /** The mapping whose De-Mail address is {@code demail}, compared case-insensitively. */
    Optional<AddressMapping> mappingOf(MailAddress demail);

    /** The mapping whose internal e-mail address is {@code email}, compared case-insensitively. */
    Optional<AddressMapping> mappingOfEmail(MailAddress email);
}
