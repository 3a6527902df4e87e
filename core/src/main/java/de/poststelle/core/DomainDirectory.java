package de.poststelle.core;

import java.util.Collection;
import java.util.Optional;

/** The domains the gateway serves. Implementations may read configuration or a database. */
public interface DomainDirectory {

    Optional<ServedDomain> find(String domain);

    Collection<ServedDomain> all();
}
