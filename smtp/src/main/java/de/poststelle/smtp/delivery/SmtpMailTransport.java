package de.poststelle.smtp.delivery;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MailTransport;
import de.poststelle.core.MessageSource;
import de.poststelle.core.NextHop;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.core.Route;
import de.poststelle.core.SmtpReply;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers messages over SMTP with Angus Mail: resolves the route, reuses an idle connection or
 * opens a new one, and sends the message bytes unchanged, in as many transactions as
 * {@link SmtpDeliveryConfig#maxRecipientsPerTransaction()} asks for. At most
 * {@link SmtpDeliveryConfig#maxConnectionsPerDestination()} deliveries run per route key; further
 * callers wait.
 */
public final class SmtpMailTransport implements MailTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailTransport.class);

    private final DestinationResolver destinations;
    private final SmtpConnector connector;
    private final DestinationLimits limits;
    private final IdleConnections idleConnections;
    private final int maxRecipientsPerTransaction;
    private final ScheduledExecutorService housekeeping;
    /** Deliveries hold the read lock, {@link #close()} the write lock: closing waits for running deliveries. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    public SmtpMailTransport(SmtpDeliveryConfig config, MxResolver mxResolver) {
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("smtp-delivery-housekeeping").daemon().factory());
        this.destinations = new DestinationResolver(mxResolver, config.mxPort());
        this.connector = new SmtpConnector(new SmtpSessionFactory(config, housekeeping));
        this.limits = new DestinationLimits(config.maxConnectionsPerDestination());
        this.maxRecipientsPerTransaction = config.maxRecipientsPerTransaction();
        this.idleConnections = new IdleConnections(config.idleTimeout(), config.maxMessagesPerConnection(),
                Clock.systemUTC());
        long sweepMillis = config.idleTimeout().toMillis();
        housekeeping.scheduleWithFixedDelay(idleConnections::closeExpired, sweepMillis, sweepMillis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public List<RecipientOutcome> deliver(Route route, Optional<MailAddress> sender, List<MailAddress> recipients,
                                          MessageSource message) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                return allRecipients(recipients, new SmtpReply(451, "4.3.2", "Mail transport shut down"), null);
            }
            return deliverWithinLimit(route, sender, recipients, message);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private List<RecipientOutcome> deliverWithinLimit(Route route, Optional<MailAddress> sender,
                                                      List<MailAddress> recipients, MessageSource message) {
        String destination = route.key();
        try {
            limits.acquire(destination);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return allRecipients(recipients, new SmtpReply(451, "4.3.0", "Delivery interrupted"), null);
        }
        try {
            return deliverWithPermit(route, sender, recipients, message);
        } finally {
            limits.release(destination);
        }
    }

    /** A route that cannot be reached fails all recipients still unsent, without trying again per transaction. */
    private List<RecipientOutcome> deliverWithPermit(Route route, Optional<MailAddress> sender,
                                                     List<MailAddress> recipients, MessageSource message) {
        List<RecipientOutcome> outcomes = new ArrayList<>(recipients.size());
        for (int from = 0; from < recipients.size(); from += maxRecipientsPerTransaction) {
            List<MailAddress> batch = recipients.subList(from, Math.min(recipients.size(), from + maxRecipientsPerTransaction));
            Optional<SmtpConnection> idle = idleConnections.take(route.key());
            ConnectResult connected = idle.<ConnectResult>map(ConnectResult.Connected::new).orElseGet(() -> connect(route));
            switch (connected) {
                case ConnectResult.Failed failed -> {
                    outcomes.addAll(allRecipients(recipients.subList(from, recipients.size()), failed.reply(),
                            failed.remoteHost()));
                    return outcomes;
                }
                case ConnectResult.Connected(SmtpConnection connection) -> {
                    List<RecipientOutcome> sent = SmtpTransaction.send(connection, sender, batch, message);
                    log.debug("delivered via {} (message {} on this connection): {}", connection.hop(),
                            connection.messagesSent(), sent);
                    idleConnections.giveBack(route.key(), connection);
                    outcomes.addAll(sent);
                }
            }
        }
        return outcomes;
    }

    private ConnectResult connect(Route route) {
        return switch (destinations.resolve(route)) {
            case Destination.Hops(List<NextHop> hops) -> connector.connect(hops);
            case Destination.Unreachable(SmtpReply reply) -> new ConnectResult.Failed(reply, null);
        };
    }

    private static List<RecipientOutcome> allRecipients(List<MailAddress> recipients, SmtpReply reply,
                                                        String remoteHost) {
        return recipients.stream().map(r -> SmtpTransaction.outcome(r, reply, remoteHost)).toList();
    }

    /**
     * Waits for running deliveries, then closes all connections. Later deliveries fail temporarily.
     * The write timeouts of open sockets run on the housekeeping thread, so it must outlive them.
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        idleConnections.closeAll();
        housekeeping.shutdownNow();
    }
}
