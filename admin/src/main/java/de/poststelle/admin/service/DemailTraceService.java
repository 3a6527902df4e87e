package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.trace.DemailTrace;
import de.poststelle.store.tenant.DemailTraceRepository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * The message trace of a tenant's outgoing De-Mail, for those who may see the tenant's mail queue:
 * mapping, options, the provider's answer and the notices that came back.
 */
@Transactional(readOnly = true)
public class DemailTraceService {

    private final DemailTraceRepository traces;
    private final AccessControl access;

    public DemailTraceService(DemailTraceRepository traces, AccessControl access) {
        this.traces = traces;
        this.access = access;
    }

    /**
     * The traces of the De-Mail with this Message-ID (angle brackets optional; several if a client
     * reused one) or queue id; exactly one of both must be given.
     */
    public List<DemailTrace> find(Actor actor, long tenantId, Optional<String> messageId, Optional<String> queueId) {
        access.require(actor, Permission.MANAGE_DELIVERY, tenantId);
        Optional<String> byMessage = messageId.map(String::strip).filter(id -> !id.isEmpty());
        Optional<String> byQueue = queueId.map(String::strip).filter(id -> !id.isEmpty());
        if (byMessage.isPresent() == byQueue.isPresent()) {
            throw new IllegalArgumentException("give either messageId or queueId");
        }
        List<DemailTrace> found = byQueue.isPresent()
                ? traces.findByQueueId(tenantId, byQueue.get()).stream().toList()
                : traces.findByMessageId(tenantId, inAngleBrackets(byMessage.get()));
        if (found.isEmpty()) {
            throw new NotFoundException("no De-Mail of this tenant with " + byMessage.map(id -> "Message-ID " + id)
                    .orElseGet(() -> "queue id " + byQueue.orElseThrow()));
        }
        return found;
    }

    private static String inAngleBrackets(String messageId) {
        return messageId.startsWith("<") ? messageId : "<" + messageId + ">";
    }
}
