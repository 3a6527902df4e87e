package de.poststelle.app.gateway;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.InboundMailHandler;
import de.poststelle.core.MailAddress;
import de.poststelle.core.RelayPolicy;
import de.poststelle.core.RecipientVerdict;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.QueueEvents;
import de.poststelle.core.queue.WorkSignal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Connects the SMTP server to relay policy and durable queue. */
public final class QueueingInboundHandler implements InboundMailHandler {

    private static final Logger log = LoggerFactory.getLogger(QueueingInboundHandler.class);

    private final RelayPolicy relayPolicy;
    private final MailQueue queue;
    private final QueueEvents events;
    private final WorkSignal pipelineSignal;

    public QueueingInboundHandler(RelayPolicy relayPolicy, MailQueue queue, QueueEvents events, WorkSignal pipelineSignal) {
        this.relayPolicy = relayPolicy;
        this.queue = queue;
        this.events = events;
        this.pipelineSignal = pipelineSignal;
    }

    @Override
    public RecipientVerdict checkRecipient(ClientInfo client, Optional<MailAddress> sender, MailAddress recipient) {
        RecipientVerdict verdict = relayPolicy.checkRecipient(client, sender, recipient);
        if (verdict.accepted() && !verdict.recipient().equals(recipient)) {
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
