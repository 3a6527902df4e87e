package de.poststelle.app.gateway;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.DomainDirectory;
import de.poststelle.core.Envelope;
import de.poststelle.core.InboundMailHandler;
import de.poststelle.core.MailAddress;
import de.poststelle.core.RelayPolicy;
import de.poststelle.core.RecipientVerdict;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.ClusterRule;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.QueueEvents;
import de.poststelle.core.queue.WorkSignal;
import de.poststelle.core.tenant.TenantDomain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Connects the SMTP server to relay policy and durable queue. A node takes only mail that its own
 * gateway cluster works: a recipient whose mail is decided by a domain assigned to another cluster
 * ({@link ClusterRule}) is refused with a temporary error, so the sender retries (and reaches the
 * right cluster once DNS or the tenant's server points there) and nothing is lost during a move.
 */
public final class QueueingInboundHandler implements InboundMailHandler {

    private static final Logger log = LoggerFactory.getLogger(QueueingInboundHandler.class);

    private final RelayPolicy relayPolicy;
    private final DomainDirectory domains;
    private final String cluster;
    private final MailQueue queue;
    private final QueueEvents events;
    private final WorkSignal pipelineSignal;

    public QueueingInboundHandler(RelayPolicy relayPolicy, DomainDirectory domains, String cluster, MailQueue queue,
                                  QueueEvents events, WorkSignal pipelineSignal) {
        this.relayPolicy = relayPolicy;
        this.domains = domains;
        this.cluster = cluster;
        this.queue = queue;
        this.events = events;
        this.pipelineSignal = pipelineSignal;
    }

    @Override
    public RecipientVerdict checkRecipient(ClientInfo client, Optional<MailAddress> sender, MailAddress recipient) {
        RecipientVerdict verdict = relayPolicy.checkRecipient(client, sender, recipient);
        if (!verdict.accepted()) {
            return verdict;
        }
        Optional<TenantDomain> foreign = ClusterRule.decidingDomain(sender, List.of(verdict.recipient()),
                        name -> domains.find(name).isPresent())
                .flatMap(domains::find)
                .filter(domain -> domain.cluster().isPresent() && !domain.cluster().get().equals(cluster));
        if (foreign.isPresent()) {
            log.warn("RCPT from {}: mail of {} belongs to gateway cluster {}, this node runs in {}; refused for now",
                    client.address().getHostAddress(), foreign.get().name(), foreign.get().cluster().get(), cluster);
            return RecipientVerdict.refuse(new SmtpReply(450, "4.7.1",
                    "mail of " + foreign.get().name() + " is handled by another gateway cluster"), recipient);
        }
        if (!verdict.recipient().equals(recipient)) {
            // Operators follow a mail through the logs by the address they were told about.
            log.info("RCPT from {}: De-Mail recipient <{}> is queued for <{}>", client.address().getHostAddress(),
                    recipient, verdict.recipient());
        }
        return verdict;
    }

    @Override
    public String store(Envelope envelope, InputStream content) throws IOException {
        CountingInputStream counted = new CountingInputStream(content);
        String queueId = queue.enqueue(envelope, counted);
        events.accepted(counted.count());
        pipelineSignal.wake();
        return queueId;
    }
}
