package de.poststelle.store;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.BounceJob;
import de.poststelle.core.queue.ClusterRule;
import de.poststelle.core.queue.DeliveryJob;
import de.poststelle.core.queue.FailedRecipient;
import de.poststelle.core.queue.GeneratedMail;
import de.poststelle.core.queue.InsufficientStorageException;
import de.poststelle.core.queue.LeaseLostException;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.MessageSummary;
import de.poststelle.core.queue.PipelineRunner;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.QuarantineEntry;
import de.poststelle.core.queue.ProcessingResult;
import de.poststelle.core.queue.QueueCounts;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.core.queue.QueuedRecipient;
import de.poststelle.core.queue.RecipientUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MailQueue} on plain JDBC, for PostgreSQL and H2 alike. Claims use
 * {@code FOR UPDATE SKIP LOCKED} so concurrent nodes never pick the same row, plus a lease so
 * work of a node that died becomes claimable again when the lease runs out. An instance works for
 * one gateway cluster: it claims only mail placed in that cluster ({@link ClusterRule}).
 */
public final class JdbcMailQueue implements MailQueue {

    private static final Logger log = LoggerFactory.getLogger(JdbcMailQueue.class);

    private final DataSource dataSource;
    private final Transactions transactions;
    private final Clock clock;
    private final String cluster;

    /** A queue for nodes of the cluster {@code default}, the node setting's default. */
    public JdbcMailQueue(DataSource dataSource, Clock clock) {
        this(dataSource, clock, "default");
    }

    /** A queue for nodes of {@code cluster}; mail of no cluster-assigned domain is placed there too. */
    public JdbcMailQueue(DataSource dataSource, Clock clock, String cluster) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource);
        this.clock = clock;
        this.cluster = cluster;
    }

    /**
     * The mail is placed with the cluster as the database says in this very transaction, not as a
     * node's cached configuration says, so mail accepted right after a domain moved follows the move.
     */
    @Override
    public String enqueue(Envelope envelope, InputStream content) throws IOException {
        try {
            return transactions.runReading(connection ->
                    insertMessage(connection, envelope, content, clock.instant(), place(connection, envelope)));
        } catch (StorageException e) {
            if (OutOfSpace.causedBy(e)) {
                throw new InsufficientStorageException("no room to store the message: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The cluster of a mail and the domain that decided it (null: none). */
    private record Placement(String cluster, String domain) {
    }

    private Placement place(Connection connection, Envelope envelope) throws SQLException {
        List<String> candidates = new ArrayList<>();
        envelope.recipients().forEach(recipient -> candidates.add(recipient.domain()));
        envelope.sender().ifPresent(sender -> candidates.add(sender.domain()));
        String placeholders = String.join(", ", Collections.nCopies(candidates.size(), "?"));
        Map<String, String> clusterOfDomain = new HashMap<>();
        String defaultCluster = null;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT s.default_cluster, d.name, d.cluster FROM operator_settings s LEFT JOIN tenant_domain d ON "
                        + (candidates.isEmpty() ? "1 = 0" : "d.name IN (" + placeholders + ")"))) {
            for (int i = 0; i < candidates.size(); i++) {
                select.setString(i + 1, candidates.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    defaultCluster = row.getString(1);
                    if (row.getString(2) != null) {
                        clusterOfDomain.put(row.getString(2), row.getString(3));
                    }
                }
            }
        }
        Optional<String> domain = ClusterRule.decidingDomain(envelope.sender(), envelope.recipients(),
                clusterOfDomain::containsKey);
        String placed = domain.map(clusterOfDomain::get).orElse(null);
        if (placed == null) {
            placed = defaultCluster != null ? defaultCluster : cluster;
        }
        return new Placement(placed, domain.orElse(null));
    }

    private String insertMessage(Connection connection, Envelope envelope, InputStream content, Instant now,
                                 Placement placement) throws SQLException, IOException {
        String queueId = QueueIds.next(now);
        long messageId;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO queued_message (queue_id, sender, client_address, helo_name, tls_protocol, received_at,
                                            size_octets, state, next_attempt_at, cluster, cluster_domain)
                VALUES (?, ?, ?, ?, ?, ?, 0, 'RECEIVED', ?, ?, ?)""", new String[] {"id"})) {
            ClientInfo client = envelope.client();
            insert.setString(1, queueId);
            insert.setString(2, envelope.senderText());
            insert.setString(3, client.address().getHostAddress());
            insert.setString(4, truncate(client.heloName(), 255));
            insert.setString(5, client.tls() ? client.tlsProtocol() : null);
            insert.setTimestamp(6, Timestamp.from(now));
            insert.setTimestamp(7, Timestamp.from(now));
            insert.setString(8, placement.cluster());
            insert.setString(9, placement.domain());
            insert.executeUpdate();
            messageId = generatedId(insert);
        }
        writeContent(connection, messageId, content);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO queued_recipient (message_id, address, domain, state, updated_at, original_address, cluster)
                VALUES (?, ?, ?, 'PENDING', ?, ?, ?)""")) {
            for (int i = 0; i < envelope.recipients().size(); i++) {
                MailAddress recipient = envelope.recipients().get(i);
                insert.setLong(1, messageId);
                insert.setString(2, recipient.toString());
                insert.setString(3, recipient.domain());
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setString(5, envelope.rewrittenFrom(i).map(MailAddress::toString).orElse(null));
                insert.setString(6, placement.cluster());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return queueId;
    }

    @Override
    public List<ProcessingJob> claimForProcessing(String owner, Instant now, Duration lease, int limit) {
        return transactions.run(connection -> {
            List<Long> ids = claim(connection, """
                    SELECT id FROM queued_message
                    WHERE cluster = ? AND state = 'RECEIVED' AND next_attempt_at <= ?
                      AND (lease_until IS NULL OR lease_until < ?)
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                    "UPDATE queued_message SET lease_owner = ?, lease_until = ? WHERE id = ?",
                    owner, now, lease, limit);
            List<ProcessingJob> jobs = new ArrayList<>();
            for (long id : ids) {
                MessageRow message = loadMessage(connection, id);
                List<MailAddress> recipients = new ArrayList<>();
                List<MailAddress> originals = new ArrayList<>();
                for (RecipientRow row : loadRecipients(connection, id, "state = 'PENDING'")) {
                    recipients.add(row.address());
                    originals.add(row.rewrittenFrom().orElse(row.address()));
                }
                Envelope envelope = new Envelope(message.sender(), recipients, message.client(), originals);
                jobs.add(new ProcessingJob(id, message.queueId(), owner, envelope, message.receivedAt(),
                        message.attempts(), message.content(dataSource)));
            }
            return jobs;
        });
    }

    @Override
    public void completeProcessing(ProcessingJob job, ProcessingResult result, Instant now) {
        transactions.run(connection -> {
            recordProcessing(connection, job, result, now, null, null);
            return null;
        });
    }

    @Override
    public List<DeliveryJob> completeProcessingAndClaimDeliveries(ProcessingJob job, ProcessingResult result,
                                                                  Instant now, Duration lease) {
        return transactions.run(connection -> {
            recordProcessing(connection, job, result, now, job.owner(), now.plus(lease));
            // This transaction routed the mail, so every recipient it queued is the one it just leased.
            return deliveryJobs(connection, job.owner(), loadRecipients(connection, job.messageId(), "state = 'QUEUED'"));
        });
    }

    /**
     * Routes the mail: failed recipients are recorded one by one, all others are queued for delivery
     * in one statement, leased to {@code leaseOwner} until {@code leaseUntil} when those are given.
     * The mails the stages generated are queued here too, so they exist exactly when this result does.
     */
    private void recordProcessing(Connection connection, ProcessingJob job, ProcessingResult result, Instant now,
                                  String leaseOwner, Instant leaseUntil) throws SQLException, IOException {
        String headers = result.prependedHeaders().stream().map(h -> h + "\r\n").reduce("", String::concat);
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE queued_message SET state = 'ROUTED', prepended_headers = ?, lease_owner = NULL,
                                          lease_until = NULL, last_error = NULL
                WHERE id = ? AND state = 'RECEIVED' AND lease_owner = ?""")) {
            update.setString(1, headers.isEmpty() ? null : headers);
            update.setLong(2, job.messageId());
            update.setString(3, job.owner());
            if (update.executeUpdate() == 0) {
                throw new LeaseLostException("processing lease of " + job.queueId() + " was taken over");
            }
        }
        // Copies take the content as received, so they are made before it is replaced.
        for (List<MailAddress> group : result.splitOff()) {
            splitOff(connection, job.messageId(), group, now);
        }
        if (result.replacedContent().isPresent()) {
            replaceContent(connection, job.messageId(), result.replacedContent().get());
        }
        if (!result.failedRecipients().isEmpty() || !result.handedOff().isEmpty()) {
            for (RecipientRow row : loadRecipients(connection, job.messageId(), "state = 'PENDING'")) {
                SmtpReply failure = result.failedRecipients().get(row.address());
                String handedOffTo = result.handedOff().get(row.address());
                if (handedOffTo != null) {
                    updateRecipient(connection, row.id(), "DELIVERED", null, handedOffTo, null, null, true, now,
                            Optional.empty());
                } else if (failure != null) {
                    updateRecipient(connection, row.id(), "FAILED", null, failure.toString(), null,
                            result.bounceFailures() ? "NEEDED" : "NONE", false, now, Optional.empty());
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE queued_recipient SET state = 'QUEUED', next_attempt_at = ?, last_reply = NULL, remote_host = NULL,
                       bounce_state = NULL, lease_owner = ?, lease_until = ?, updated_at = ?
                WHERE message_id = ? AND state = 'PENDING'""")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, leaseOwner);
            update.setTimestamp(3, leaseUntil == null ? null : Timestamp.from(leaseUntil));
            update.setTimestamp(4, Timestamp.from(now));
            update.setLong(5, job.messageId());
            update.executeUpdate();
        }
        for (GeneratedMail generated : result.generated()) {
            try (InputStream content = generated.content().open()) {
                String generatedQueueId = insertMessage(connection, generated.envelope(), content, now,
                        place(connection, generated.envelope()));
                log.info("queueId={} generated mail to {} queued as {}", job.queueId(),
                        generated.envelope().recipients(), generatedQueueId);
            }
        }
        completeIfFinished(connection, job.messageId(), now);
    }

    /**
     * Moves the pending recipients in {@code group} into a new mail with a copy of the content, due
     * for the pipeline now. It keeps the original arrival time, so the queue's maximum age still
     * counts from when we accepted the mail. The content is copied inside the database.
     */
    private static void splitOff(Connection connection, long messageId, List<MailAddress> group, Instant now)
            throws SQLException {
        String queueId = QueueIds.next(now);
        long copyId;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO queued_message (queue_id, sender, client_address, helo_name, tls_protocol, received_at,
                                            size_octets, state, next_attempt_at, cluster, cluster_domain)
                SELECT ?, sender, client_address, helo_name, tls_protocol, received_at, size_octets, 'RECEIVED', ?,
                       cluster, cluster_domain
                FROM queued_message WHERE id = ?""", new String[] {"id"})) {
            insert.setString(1, queueId);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setLong(3, messageId);
            insert.executeUpdate();
            copyId = generatedId(insert);
        }
        try (PreparedStatement copy = connection.prepareStatement(
                "INSERT INTO message_chunk (message_id, seq, data) SELECT ?, seq, data FROM message_chunk WHERE message_id = ?")) {
            copy.setLong(1, copyId);
            copy.setLong(2, messageId);
            copy.executeUpdate();
        }
        try (PreparedStatement move = connection.prepareStatement(
                "UPDATE queued_recipient SET message_id = ? WHERE message_id = ? AND address = ? AND state = 'PENDING'")) {
            for (MailAddress recipient : group) {
                move.setLong(1, copyId);
                move.setLong(2, messageId);
                move.setString(3, recipient.toString());
                move.addBatch();
            }
            move.executeBatch();
        }
        log.info("queueId={} split off for {} recipient(s)", queueId, group.size());
    }

    private void replaceContent(Connection connection, long messageId, MessageSource content)
            throws SQLException, IOException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM message_chunk WHERE message_id = ?")) {
            delete.setLong(1, messageId);
            delete.executeUpdate();
        }
        try (InputStream in = content.open()) {
            writeContent(connection, messageId, in);
        }
    }

    private static void writeContent(Connection connection, long messageId, InputStream content)
            throws SQLException, IOException {
        long size = ChunkedContent.write(connection, messageId, content);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE queued_message SET size_octets = ? WHERE id = ?")) {
            update.setLong(1, size);
            update.setLong(2, messageId);
            update.executeUpdate();
        }
    }

    @Override
    public void deferProcessing(ProcessingJob job, Instant nextAttempt, String reason) {
        transactions.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE queued_message SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
                                              lease_owner = NULL, lease_until = NULL
                    WHERE id = ? AND lease_owner = ?""")) {
                update.setTimestamp(1, Timestamp.from(nextAttempt));
                update.setString(2, truncate(reason, 2000));
                update.setLong(3, job.messageId());
                update.setString(4, job.owner());
                if (update.executeUpdate() == 0) {
                    throw new LeaseLostException("processing lease of " + job.queueId() + " was taken over");
                }
            }
            return null;
        });
    }

    @Override
    public void quarantine(ProcessingJob job, ProcessingResult result, String reason, Optional<GeneratedMail> alert,
                           Instant now) throws IOException {
        SmtpReply quarantineReply = PipelineRunner.quarantineReply(reason);
        transactions.runReading(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE queued_message SET state = 'QUARANTINED', lease_owner = NULL, lease_until = NULL,
                                              last_error = ?
                    WHERE id = ? AND state = 'RECEIVED' AND lease_owner = ?""")) {
                update.setString(1, truncate(quarantineReply.toString(), 2000));
                update.setLong(2, job.messageId());
                update.setString(3, job.owner());
                if (update.executeUpdate() == 0) {
                    throw new LeaseLostException("processing lease of " + job.queueId() + " was taken over");
                }
            }
            List<String> quarantined = new ArrayList<>();
            for (RecipientRow row : loadRecipients(connection, job.messageId(), "state = 'PENDING'")) {
                SmtpReply failure = result.failedRecipients().getOrDefault(row.address(), quarantineReply);
                if (failure.equals(quarantineReply)) {
                    quarantined.add(row.address().toString());
                }
                updateRecipient(connection, row.id(), "FAILED", null, failure.toString(), null,
                        result.bounceFailures() ? "NEEDED" : "NONE", false, now, Optional.empty());
            }
            MessageRow message = loadMessage(connection, job.messageId());
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO quarantine (message_id, queue_id, sender, recipients, reason, reply, size_octets,
                                            quarantined_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setLong(1, job.messageId());
                insert.setString(2, job.queueId());
                insert.setString(3, job.envelope().senderText());
                insert.setString(4, String.join("\n", quarantined));
                insert.setString(5, truncate(reason, 2000));
                insert.setString(6, truncate(quarantineReply.toString(), 2000));
                insert.setLong(7, message.size());
                insert.setTimestamp(8, Timestamp.from(now));
                insert.executeUpdate();
            }
            if (alert.isPresent()) {
                try (InputStream content = alert.get().content().open()) {
                    String alertQueueId = insertMessage(connection, alert.get().envelope(), content, now,
                            placementOf(connection, job.messageId()));
                    log.info("queueId={} quarantine notice queued as {}", job.queueId(), alertQueueId);
                }
            }
            return null;
        });
    }

    @Override
    public List<QuarantineEntry> listQuarantine(int limit) {
        return transactions.run(connection -> {
            List<QuarantineEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT q.queue_id, q.sender, q.recipients, q.reason, m.received_at, q.quarantined_at, q.size_octets
                    FROM quarantine q JOIN queued_message m ON m.id = q.message_id
                    ORDER BY q.quarantined_at, q.id LIMIT ?""")) {
                select.setInt(1, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String recipients = row.getString("recipients");
                        entries.add(new QuarantineEntry(row.getString("queue_id"), row.getString("sender"),
                                recipients.isEmpty() ? List.of() : List.of(recipients.split("\n")),
                                row.getString("reason"), row.getTimestamp("received_at").toInstant(),
                                row.getTimestamp("quarantined_at").toInstant(), row.getLong("size_octets")));
                    }
                }
            }
            return entries;
        });
    }

    @Override
    public Optional<MessageSource> quarantinedContent(String queueId) {
        return transactions.run(connection -> {
            Optional<Long> messageId = quarantinedMessageId(connection, queueId);
            if (messageId.isEmpty()) {
                return Optional.<MessageSource>empty();
            }
            return Optional.of(loadMessage(connection, messageId.get()).content(dataSource));
        });
    }

    @Override
    public boolean releaseFromQuarantine(String queueId, Instant now) {
        return transactions.run(connection -> {
            Optional<Long> found = quarantinedMessageId(connection, queueId);
            if (found.isEmpty()) {
                return false;
            }
            long messageId = found.get();
            String reply;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT reply FROM quarantine WHERE message_id = ?")) {
                select.setLong(1, messageId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    reply = row.getString(1);
                }
            }
            // Only the recipients that failed because of the quarantine; a bounce not yet sent is dropped.
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE queued_recipient SET state = 'QUEUED', next_attempt_at = ?, last_reply = NULL,
                           bounce_state = CASE WHEN bounce_state = 'SENT' THEN 'SENT' ELSE NULL END,
                           lease_owner = NULL, lease_until = NULL, updated_at = ?
                    WHERE message_id = ? AND state = 'FAILED' AND last_reply = ?""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setTimestamp(2, Timestamp.from(now));
                update.setLong(3, messageId);
                update.setString(4, reply);
                update.executeUpdate();
            }
            leaveQuarantine(connection, messageId, now);
            log.info("queueId={} released from quarantine", queueId);
            return true;
        });
    }

    @Override
    public boolean deleteFromQuarantine(String queueId, Instant now) {
        return transactions.run(connection -> {
            Optional<Long> found = quarantinedMessageId(connection, queueId);
            if (found.isEmpty()) {
                return false;
            }
            leaveQuarantine(connection, found.get(), now);
            log.info("queueId={} deleted from quarantine", queueId);
            return true;
        });
    }

    /** The mail goes back to the normal life cycle (ROUTED), which finishes and purges it when nothing is left. */
    private static void leaveQuarantine(Connection connection, long messageId, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM quarantine WHERE message_id = ?")) {
            delete.setLong(1, messageId);
            delete.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE queued_message SET state = 'ROUTED' WHERE id = ? AND state = 'QUARANTINED'")) {
            update.setLong(1, messageId);
            update.executeUpdate();
        }
        completeIfFinished(connection, messageId, now);
    }

    private static Optional<Long> quarantinedMessageId(Connection connection, String queueId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT q.message_id FROM quarantine q JOIN queued_message m ON m.id = q.message_id
                WHERE q.queue_id = ? AND m.state = 'QUARANTINED' FOR UPDATE""")) {
            select.setString(1, queueId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public List<DeliveryJob> claimDeliveries(String owner, Instant now, Duration lease, int limit) {
        return transactions.run(connection -> {
            List<Long> ids = claim(connection, """
                    SELECT id FROM queued_recipient
                    WHERE cluster = ? AND state IN ('QUEUED', 'DEFERRED') AND next_attempt_at <= ?
                      AND (lease_until IS NULL OR lease_until < ?)
                    ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                    "UPDATE queued_recipient SET lease_owner = ?, lease_until = ? WHERE id = ?",
                    owner, now, lease, limit);
            return deliveryJobs(connection, owner, loadRecipientsById(connection, ids));
        });
    }

    /** Claimed recipients as delivery jobs: one per mail and domain. */
    private List<DeliveryJob> deliveryJobs(Connection connection, String owner, List<RecipientRow> claimed) {
        Map<String, List<RecipientRow>> byMessageAndDomain = new LinkedHashMap<>();
        for (RecipientRow row : claimed) {
            byMessageAndDomain.computeIfAbsent(row.messageId() + " " + row.address().domain(), k -> new ArrayList<>())
                    .add(row);
        }
        Map<Long, MessageRow> messages = new LinkedHashMap<>();
        List<DeliveryJob> jobs = new ArrayList<>();
        for (List<RecipientRow> group : byMessageAndDomain.values()) {
            long messageId = group.getFirst().messageId();
            MessageRow message = messages.computeIfAbsent(messageId, id -> loadMessageUnchecked(connection, id));
            jobs.add(new DeliveryJob(messageId, message.queueId(), owner, message.sender(), message.receivedAt(),
                    group.getFirst().address().domain(),
                    group.stream().map(r -> new QueuedRecipient(r.id(), r.address(), r.attempts())).toList(),
                    message.content(dataSource)));
        }
        return jobs;
    }

    @Override
    public void recordOutcomes(DeliveryJob job, List<RecipientUpdate> updates, Instant now) {
        transactions.run(connection -> {
            for (RecipientUpdate update : updates) {
                boolean updated = updateRecipient(connection, update.recipientId(), update.state().name(),
                        update.nextAttempt().orElse(null), update.reply(), update.remoteHost(),
                        update.bounceNeeded() ? "NEEDED" : "NONE", true, now, Optional.of(job.owner()));
                if (!updated) {
                    log.warn("queueId={} recipient {} was taken over by another node; outcome {} dropped",
                            job.queueId(), update.recipientId(), update.state());
                }
            }
            completeIfFinished(connection, job.messageId(), now);
            return null;
        });
    }

    @Override
    public void postpone(DeliveryJob job, Map<Long, Instant> nextAttempt) {
        transactions.run(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE queued_recipient SET next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
                            + " WHERE id = ? AND lease_owner = ?")) {
                for (Map.Entry<Long, Instant> recipient : nextAttempt.entrySet()) {
                    update.setTimestamp(1, Timestamp.from(recipient.getValue()));
                    update.setLong(2, recipient.getKey());
                    update.setString(3, job.owner());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<BounceJob> claimBounces(String owner, Instant now, Duration lease, int limit) {
        return transactions.run(connection -> {
            List<Long> ids = claim(connection, """
                    SELECT id FROM queued_recipient
                    WHERE cluster = ? AND bounce_state = 'NEEDED' AND updated_at <= ?
                      AND (lease_until IS NULL OR lease_until < ?)
                    ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                    "UPDATE queued_recipient SET lease_owner = ?, lease_until = ? WHERE id = ?",
                    owner, now, lease, limit);
            Map<Long, List<RecipientRow>> byMessage = new LinkedHashMap<>();
            for (RecipientRow row : loadRecipientsById(connection, ids)) {
                byMessage.computeIfAbsent(row.messageId(), k -> new ArrayList<>()).add(row);
            }
            List<BounceJob> jobs = new ArrayList<>();
            for (var entry : byMessage.entrySet()) {
                MessageRow message = loadMessage(connection, entry.getKey());
                List<FailedRecipient> failed = entry.getValue().stream()
                        .map(r -> new FailedRecipient(r.id(), r.address(), r.lastReply(), r.remoteHost(), r.updatedAt(),
                                r.rewrittenFrom()))
                        .toList();
                // Bounces are only marked NEEDED for mail with a sender; a null sender here is a bug upstream.
                MailAddress sender = message.sender().orElseThrow(
                        () -> new IllegalStateException("bounce requested for null sender of " + message.queueId()));
                jobs.add(new BounceJob(entry.getKey(), message.queueId(), owner, sender, message.receivedAt(), failed,
                        message.content(dataSource)));
            }
            return jobs;
        });
    }

    @Override
    public void completeBounce(BounceJob job, Envelope bounceEnvelope, MessageSource bounce, Instant now)
            throws IOException {
        transactions.runReading(connection -> {
            String bounceQueueId;
            try (InputStream content = bounce.open()) {
                bounceQueueId = insertMessage(connection, bounceEnvelope, content, now, placementOf(connection, job.messageId()));
            }
            markBounce(connection, job, "SENT", now);
            log.info("queueId={} sender non-delivery notification queued as {}", job.queueId(), bounceQueueId);
            return null;
        });
    }

    /** A notification stays in the cluster of the mail it reports on, and moves with it. */
    private static Placement placementOf(Connection connection, long messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT cluster, cluster_domain FROM queued_message WHERE id = ?")) {
            select.setLong(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("queued message " + messageId + " vanished");
                }
                return new Placement(row.getString(1), row.getString(2));
            }
        }
    }

    @Override
    public void dropBounce(BounceJob job, Instant now) {
        transactions.run(connection -> {
            markBounce(connection, job, "NONE", now);
            return null;
        });
    }

    private void markBounce(Connection connection, BounceJob job, String bounceState, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE queued_recipient SET bounce_state = ?, lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND lease_owner = ?""")) {
            for (FailedRecipient recipient : job.recipients()) {
                update.setString(1, bounceState);
                update.setLong(2, recipient.id());
                update.setString(3, job.owner());
                if (update.executeUpdate() == 0) {
                    throw new LeaseLostException("bounce lease of " + job.queueId() + " was taken over");
                }
            }
        }
        completeIfFinished(connection, job.messageId(), now);
    }

    @Override
    public int releaseLeases(String owner) {
        return transactions.run(connection -> {
            int released = 0;
            for (String table : List.of("queued_message", "queued_recipient")) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + table + " SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?")) {
                    update.setString(1, owner);
                    released += update.executeUpdate();
                }
            }
            return released;
        });
    }

    @Override
    public QueueCounts counts() {
        return transactions.run(connection -> {
            long pending = count(connection, "SELECT COUNT(*) FROM queued_message WHERE state = 'RECEIVED'");
            long queued = count(connection, "SELECT COUNT(*) FROM queued_recipient WHERE state = 'QUEUED'");
            long deferred = count(connection, "SELECT COUNT(*) FROM queued_recipient WHERE state = 'DEFERRED'");
            long bounces = count(connection, "SELECT COUNT(*) FROM queued_recipient WHERE bounce_state = 'NEEDED'");
            return new QueueCounts(pending, queued, deferred, bounces);
        });
    }

    @Override
    public List<MessageSummary> searchMessages(QueueScope scope, QueueSearch search, int limit, int offset) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(search, "search");
        QueueAdministration.checkPage(limit, offset);
        return transactions.run(connection -> QueueAdministration.search(connection, scope, search, limit, offset));
    }

    @Override
    public Optional<MessageDetails> messageDetails(QueueScope scope, String queueId) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(queueId, "queueId");
        return transactions.run(connection -> QueueAdministration.details(connection, scope, queueId));
    }

    @Override
    public boolean retryNow(QueueScope scope, String queueId, Instant now) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(queueId, "queueId");
        return transactions.run(connection -> QueueAdministration.retryNow(connection, scope, queueId, now));
    }

    @Override
    public boolean deleteMessage(QueueScope scope, String queueId, Instant now) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(queueId, "queueId");
        return transactions.run(connection -> QueueAdministration.delete(connection, scope, queueId, now));
    }

    @Override
    public int purgeCompleted(Instant before) {
        return transactions.run(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM queued_message WHERE state = 'DONE' AND completed_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(before));
                return delete.executeUpdate();
            }
        });
    }

    /** Marks a mail done once nothing about it is left to do, and frees its content. */
    private static void completeIfFinished(Connection connection, long messageId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE queued_message SET state = 'DONE', completed_at = ?
                WHERE id = ? AND state = 'ROUTED' AND NOT EXISTS (
                    SELECT 1 FROM queued_recipient r WHERE r.message_id = ?
                    AND (r.state NOT IN ('DELIVERED', 'FAILED') OR r.bounce_state = 'NEEDED'))""")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setLong(2, messageId);
            update.setLong(3, messageId);
            if (update.executeUpdate() == 0) {
                return;
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM message_chunk WHERE message_id = ?")) {
            delete.setLong(1, messageId);
            delete.executeUpdate();
        }
    }

    /** Leases due rows of this queue's cluster; {@code selectDue} takes the cluster, now, now and the limit. */
    private List<Long> claim(Connection connection, String selectDue, String setLease, String owner,
                             Instant now, Duration lease, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(selectDue)) {
            select.setString(1, cluster);
            select.setTimestamp(2, Timestamp.from(now));
            select.setTimestamp(3, Timestamp.from(now));
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        if (ids.isEmpty()) {
            return ids;
        }
        try (PreparedStatement update = connection.prepareStatement(setLease)) {
            for (long id : ids) {
                update.setString(1, owner);
                update.setTimestamp(2, Timestamp.from(now.plus(lease)));
                update.setLong(3, id);
                update.addBatch();
            }
            update.executeBatch();
        }
        return ids;
    }

    /**
     * Sets a recipient's new state. With an {@code owner}, only while that node still holds the
     * lease (a delivery outcome); without, unconditionally (the mail's own lease was checked).
     */
    private static boolean updateRecipient(Connection connection, long id, String state, Instant nextAttempt,
                                           String reply, String remoteHost, String bounceState, boolean attempted,
                                           Instant now, Optional<String> owner) throws SQLException {
        String sql = """
                UPDATE queued_recipient SET state = ?, next_attempt_at = ?, last_reply = ?, remote_host = ?,
                       bounce_state = ?, attempts = attempts + ?, lease_owner = NULL, lease_until = NULL,
                       updated_at = ?
                WHERE id = ?""" + (owner.isPresent() ? " AND lease_owner = ?" : "");
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, state);
            update.setTimestamp(2, nextAttempt == null ? null : Timestamp.from(nextAttempt));
            update.setString(3, truncate(reply, 2000));
            update.setString(4, truncate(remoteHost, 255));
            update.setString(5, bounceState);
            update.setInt(6, attempted ? 1 : 0);
            update.setTimestamp(7, Timestamp.from(now));
            update.setLong(8, id);
            if (owner.isPresent()) {
                update.setString(9, owner.get());
            }
            return update.executeUpdate() > 0;
        }
    }

    record MessageRow(long id, String queueId, Optional<MailAddress> sender, ClientInfo client,
                              Instant receivedAt, long size, String prependedHeaders, int attempts) {
        MessageSource content(DataSource dataSource) {
            return new ChunkedContent(dataSource, id, prependedHeaders, size);
        }
    }

    private record RecipientRow(long id, long messageId, MailAddress address, int attempts, String lastReply,
                                String remoteHost, Instant updatedAt, Optional<MailAddress> rewrittenFrom) {
    }

    private MessageRow loadMessageUnchecked(Connection connection, long id) {
        try {
            return loadMessage(connection, id);
        } catch (SQLException e) {
            throw new StorageException("cannot load queued message " + id, e);
        }
    }

    static MessageRow loadMessage(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT queue_id, sender, client_address, helo_name, tls_protocol, received_at, size_octets,
                       prepended_headers, attempts
                FROM queued_message WHERE id = ?""")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("queued message " + id + " vanished");
                }
                String sender = row.getString("sender");
                Instant receivedAt = row.getTimestamp("received_at").toInstant();
                String tlsProtocol = row.getString("tls_protocol");
                ClientInfo client = new ClientInfo(literalAddress(row.getString("client_address")),
                        row.getString("helo_name"), tlsProtocol != null, tlsProtocol, receivedAt);
                return new MessageRow(id, row.getString("queue_id"),
                        sender.isEmpty() ? Optional.empty() : Optional.of(MailAddress.parse(sender)), client,
                        receivedAt, row.getLong("size_octets"), row.getString("prepended_headers"),
                        row.getInt("attempts"));
            }
        }
    }

    private static List<RecipientRow> loadRecipients(Connection connection, long messageId, String condition)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                RECIPIENT_COLUMNS + " WHERE message_id = ? AND " + condition + " ORDER BY id")) {
            select.setLong(1, messageId);
            return readRecipients(select);
        }
    }

    private static List<RecipientRow> loadRecipientsById(Connection connection, List<Long> ids) throws SQLException {
        List<RecipientRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(RECIPIENT_COLUMNS + " WHERE id = ?")) {
            for (long id : ids) {
                select.setLong(1, id);
                rows.addAll(readRecipients(select));
            }
        }
        return rows;
    }

    private static final String RECIPIENT_COLUMNS =
            "SELECT id, message_id, address, attempts, last_reply, remote_host, updated_at, original_address"
                    + " FROM queued_recipient";

    private static List<RecipientRow> readRecipients(PreparedStatement select) throws SQLException {
        List<RecipientRow> rows = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(new RecipientRow(row.getLong("id"), row.getLong("message_id"),
                        MailAddress.parse(row.getString("address")), row.getInt("attempts"),
                        row.getString("last_reply"), row.getString("remote_host"),
                        row.getTimestamp("updated_at").toInstant(),
                        Optional.ofNullable(row.getString("original_address")).map(MailAddress::parse)));
            }
        }
        return rows;
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long generatedId(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static InetAddress literalAddress(String text) {
        try {
            return InetAddress.getByName(text); // always an IP literal we wrote ourselves: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException("stored client address is not an IP literal: " + text, e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
