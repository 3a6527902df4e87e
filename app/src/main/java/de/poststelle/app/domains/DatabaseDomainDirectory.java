package de.poststelle.app.domains;

import de.poststelle.admin.service.ConfigurationChanged;
import de.poststelle.core.DomainDirectory;
import de.poststelle.core.DomainSnapshot;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.MappingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tenants' domains and mappings from the database, as the gateway reads them at RCPT time and
 * for routing. Reads are served from a {@link DomainSnapshot} that is reloaded once it is older
 * than {@code refresh}, so changes made on other nodes show within that time; a change made on
 * this node drops the snapshot as soon as it commits.
 */
public final class DatabaseDomainDirectory implements DomainDirectory {

    private static final Logger log = LoggerFactory.getLogger(DatabaseDomainDirectory.class);

    private record Loaded(DomainSnapshot snapshot, Instant expires) {
    }

    private final DomainRepository domains;
    private final MappingRepository mappings;
    private final Duration refresh;
    private final Clock clock;
    private final ReentrantLock loading = new ReentrantLock();
    /** Counts invalidations, so a load that raced with a change is not kept as if it were fresh. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded current;

    public DatabaseDomainDirectory(DomainRepository domains, MappingRepository mappings, Duration refresh, Clock clock) {
        this.domains = domains;
        this.mappings = mappings;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public Optional<TenantDomain> find(String domain) {
        return snapshot().find(domain);
    }

    @Override
    public Collection<TenantDomain> all() {
        return snapshot().all();
    }

    @Override
    public Optional<AddressMapping> mappingOf(MailAddress demail) {
        return snapshot().mappingOf(demail);
    }

    @Override
    public Optional<AddressMapping> mappingOfEmail(MailAddress email) {
        return snapshot().mappingOfEmail(email);
    }

    /** Runs after the admin's transaction committed; without a transaction at once. */
    @TransactionalEventListener(fallbackExecution = true)
    public void configurationChanged(ConfigurationChanged change) {
        log.debug("{} changed; served domains are read again", change.what());
        invalidate();
    }

    void invalidate() {
        generation.incrementAndGet();
        current = null;
    }

    private DomainSnapshot snapshot() {
        Loaded loaded = current;
        if (isFresh(loaded)) {
            return loaded.snapshot();
        }
        loading.lock();
        try {
            loaded = current;
            if (isFresh(loaded)) {
                return loaded.snapshot();
            }
            long seen = generation.get();
            loaded = new Loaded(new DomainSnapshot(domains.all(), mappings::byDemail, mappings::byEmail), clock.instant().plus(refresh));
            if (generation.get() == seen) {
                current = loaded;
            }
            return loaded.snapshot();
        } finally {
            loading.unlock();
        }
    }

    private boolean isFresh(Loaded loaded) {
        return loaded != null && clock.instant().isBefore(loaded.expires());
    }
}
