package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.MessageSource;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.MessageInUseException;
import de.poststelle.core.queue.MessageSummary;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.core.queue.QueueState;
import de.poststelle.core.queue.RecipientStatus;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.store.tenant.DomainRepository;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The mail queue as admins see it. Operators see all mail; a tenant's technical admin sees mail
 * from or to the tenant's domains, and another tenant's mail looks as if it did not exist.
 * Retrying, deleting, releasing from quarantine and downloading quarantined mail are audited in the tenant the mail belongs to (or globally for operators).
 */
public class QueueService {

    private final MailQueue queue;
    private final DomainRepository domains;
    private final AccessControl access;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public QueueService(MailQueue queue, DomainRepository domains, AccessControl access, AuditTrail audit,
                        ApplicationEventPublisher events, Clock clock) {
        this.queue = queue;
        this.domains = domains;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Without a tenant an operator searches everything; a tenant admin always names the tenant. */
    public List<MessageSummary> search(Actor actor, Optional<Long> tenantId, QueueSearch search, int limit, int offset) {
        return queue.searchMessages(scope(actor, tenantId), search, limit, offset);
    }

    public MessageDetails details(Actor actor, Optional<Long> tenantId, String queueId) {
        return queue.messageDetails(scope(actor, tenantId), queueId)
                .orElseThrow(() -> new NotFoundException("no mail " + queueId + " in the queue"));
    }

    public void retryNow(Actor actor, Optional<Long> tenantId, String queueId) {
        QueueScope scope = scope(actor, tenantId);
        MessageDetails details = details(actor, tenantId, queueId);
        if (!queue.retryNow(scope, queueId, clock.instant())) {
            throw new ConflictException("mail " + queueId + " has nothing waiting for a retry");
        }
        record(actor, tenantId.or(() -> owningTenant(details)), "queue.retry", queueId, "");
        events.publishEvent(new QueueWorkRequested(queueId));
    }

    public void delete(Actor actor, Optional<Long> tenantId, String queueId) {
        MessageDetails details = details(actor, tenantId, queueId);
        try {
            if (!queue.deleteMessage(scope(actor, tenantId), queueId, clock.instant())) {
                throw new NotFoundException("no mail " + queueId + " in the queue");
            }
        } catch (MessageInUseException e) {
            throw new ConflictException(e.getMessage());
        }
        record(actor, tenantId.or(() -> owningTenant(details)), "queue.delete", queueId, "from <" + details.summary().sender() + ">, "
                + details.recipients().size() + " recipient(s), state " + details.summary().state());
    }

    /**
     * Lets a quarantined mail go on to delivery, e.g. after an admin found the scanner's verdict
     * to be a false positive. The recipients it was held for are queued again.
     */
    public void releaseFromQuarantine(Actor actor, Optional<Long> tenantId, String queueId) {
        MessageDetails details = details(actor, tenantId, queueId);
        if (details.summary().state() != QueueState.QUARANTINED || !queue.releaseFromQuarantine(queueId, clock.instant())) {
            throw new ConflictException("mail " + queueId + " is not in quarantine");
        }
        record(actor, tenantId.or(() -> owningTenant(details)), "quarantine.release", queueId,
                "from <" + details.summary().sender() + ">, reason: " + details.summary().lastError().orElse(""));
        events.publishEvent(new QueueWorkRequested(queueId));
    }

    /** The raw content of a quarantined mail, for analysis; every download is audited. */
    public MessageSource quarantinedContent(Actor actor, Optional<Long> tenantId, String queueId) {
        MessageDetails details = details(actor, tenantId, queueId);
        MessageSource content = queue.quarantinedContent(queueId)
                .orElseThrow(() -> new NotFoundException("mail " + queueId + " is not in quarantine"));
        record(actor, tenantId.or(() -> owningTenant(details)), "quarantine.download", queueId, "");
        return content;
    }

    /**
     * The tenant whose domain the mail is for (or, failing that, from), so that an operator's action
     * on a tenant's mail shows in that tenant's audit log too.
     */
    private Optional<Long> owningTenant(MessageDetails details) {
        return Stream.concat(details.recipients().stream().map(RecipientStatus::address),
                        Stream.of(details.summary().sender()))
                .filter(address -> address.contains("@"))
                .map(address -> address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT))
                .flatMap(domain -> domains.find(domain).stream())
                .map(TenantDomain::tenantId).findFirst();
    }

    private void record(Actor actor, Optional<Long> tenantId, String action, String queueId, String details) {
        tenantId.ifPresentOrElse(t -> audit.record(actor, t, Permission.MANAGE_DELIVERY, action, queueId, details),
                () -> audit.record(actor, action, queueId, details));
    }

    private QueueScope scope(Actor actor, Optional<Long> tenantId) {
        if (tenantId.isEmpty()) {
            access.requireOperator(actor);
            return QueueScope.all();
        }
        access.require(actor, Permission.MANAGE_DELIVERY, tenantId.get());
        return QueueScope.onlyDomains(domains.ofTenant(tenantId.get()).stream().map(TenantDomain::name).toList());
    }
}
