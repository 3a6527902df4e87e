package de.poststelle.core.queue;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which mail an administrator may see and act on. This is how tenant isolation is enforced in the
 * queue: a tenant admin's scope is the tenant's domains, and a mail is in it when its sender or any
 * of its recipients is in one of them (exact domain, not subdomains). A mail outside the scope is
 * treated exactly as if it did not exist. The operator's scope, {@link #all()}, has no restriction.
 *
 * <p>An empty set of domains is a restriction to nothing, never "everything": a tenant without
 * domains must not see other tenants' mail.
 */
public record QueueScope(Optional<Set<String>> domains) {

    private static final QueueScope ALL = new QueueScope(Optional.empty());

    public QueueScope {
        domains = domains.map(QueueScope::normalized);
    }

    /** The operator: every mail. */
    public static QueueScope all() {
        return ALL;
    }

    /** A tenant admin: only mail from or to one of {@code domains} (compared case-insensitively). */
    public static QueueScope onlyDomains(Collection<String> domains) {
        return new QueueScope(Optional.of(Set.copyOf(domains)));
    }

    public boolean isRestricted() {
        return domains.isPresent();
    }

    private static Set<String> normalized(Set<String> domains) {
        return domains.stream().map(domain -> {
            if (domain == null || domain.isBlank()) {
                throw new IllegalArgumentException("a scope domain must not be blank");
            }
            return domain.strip().toLowerCase(Locale.ROOT);
        }).collect(Collectors.toUnmodifiableSet());
    }
}
