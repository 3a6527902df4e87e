package de.poststelle.admin.service;

import de.poststelle.admin.access.Actor;
import de.poststelle.core.tenant.AuditEntry;
import de.poststelle.core.tenant.Permission;
import de.poststelle.store.tenant.AuditLogRepository;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reading the audit log: operators see everything; a tenant's user admin sees the entries of the
 * tenants it manages admins for, which includes what service partners did there.
 */
@Transactional(readOnly = true)
public class AuditService {

    private final AuditLogRepository log;

    public AuditService(AuditLogRepository log) {
        this.log = log;
    }

    /** {@code query.tenants()} is ignored: visibility comes from the actor. */
    public List<AuditEntry> find(Actor actor, AuditLogRepository.Query query) {
        Optional<Collection<Long>> visible = actor.authority().isOperator() ? Optional.empty()
                : Optional.of(actor.authority().tenantIds().stream()
                .filter(t -> actor.authority().may(Permission.MANAGE_ADMINS, t)).toList());
        return log.find(new AuditLogRepository.Query(visible, query.tenantId(), query.actor(), query.action(),
                query.text(), query.from(), query.until(), query.limit(), query.offset()));
    }
}
