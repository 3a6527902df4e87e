package de.poststelle.store;

import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.MessageInUseException;
import de.poststelle.core.queue.MessageSummary;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.core.queue.QueueState;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.queue.RecipientStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The administrator's side of {@link JdbcMailQueue}: search, details, retry now and delete. Kept
 * apart from the queue's hot path because it works differently: filters built at run time, states
 * derived from the mail and its recipients, and the caller's {@link QueueScope} in every statement,
 * so that a mail outside the scope is never even read.
 */
final class QueueAdministration {

    private static final Logger log = LoggerFactory.getLogger(QueueAdministration.class);

    private static final String HAS_DEFERRED =
            "EXISTS (SELECT 1 FROM queued_recipient s WHERE s.message_id = m.id AND s.state = 'DEFERRED')";
    private static final String HAS_QUEUED =
            "EXISTS (SELECT 1 FROM queued_recipient s WHERE s.message_id = m.id AND s.state = 'QUEUED')";

    /**
     * One condition on a mail {@code m} per {@link QueueState}. They exclude each other and together
     * cover every mail, so filtering by a state and showing it can never disagree. A ROUTED mail
     * with no queued or deferred recipient left is only not DONE because a bounce is still due.
     */
    private static final Map<QueueState, String> STATE_CONDITIONS = new EnumMap<>(Map.of(
            QueueState.WAITING_FOR_PIPELINE, "m.state = 'RECEIVED' AND m.attempts = 0",
            QueueState.DEFERRED, "m.state = 'RECEIVED' AND m.attempts > 0 OR m.state = 'ROUTED' AND " + HAS_DEFERRED,
            QueueState.WAITING_FOR_DELIVERY, "m.state = 'ROUTED' AND NOT " + HAS_DEFERRED + " AND " + HAS_QUEUED,
            QueueState.BOUNCE_PENDING, "m.state = 'ROUTED' AND NOT " + HAS_DEFERRED + " AND NOT " + HAS_QUEUED,
            QueueState.QUARANTINED, "m.state = 'QUARANTINED'",
            QueueState.DONE, "m.state = 'DONE'"));

    static {
        if (STATE_CONDITIONS.size() != QueueState.values().length) {
            throw new IllegalStateException("every QueueState needs its condition: " + STATE_CONDITIONS.keySet());
        }
    }

    private static final String SUMMARY_SELECT = """
            SELECT m.id, m.queue_id, m.received_at, m.sender, m.size_octets,
                   (SELECT COUNT(*) FROM queued_recipient c WHERE c.message_id = m.id) AS recipient_count,
                   %s AS queue_state,
                   CASE m.state WHEN 'RECEIVED' THEN m.next_attempt_at
                                WHEN 'ROUTED' THEN (SELECT MIN(n.next_attempt_at) FROM queued_recipient n
                                                    WHERE n.message_id = m.id AND n.state IN ('QUEUED', 'DEFERRED'))
                   END AS next_attempt,
                   CASE WHEN m.state IN ('ROUTED', 'DONE') THEN (
                            SELECT e.last_reply FROM queued_recipient e
                            WHERE e.message_id = m.id AND e.state IN ('DEFERRED', 'FAILED') AND e.last_reply IS NOT NULL
                            ORDER BY e.updated_at DESC, e.id DESC LIMIT 1)
                        ELSE m.last_error
                   END AS last_error
            FROM queued_message m""".formatted(STATE_CONDITIONS.entrySet().stream()
            .map(state -> "WHEN " + state.getValue() + " THEN '" + state.getKey().name() + "'")
            .collect(Collectors.joining(" ", "CASE ", " END")));

    private QueueAdministration() {
    }

    static void checkPage(int limit, int offset) {
        if (limit < 1 || limit > MailQueue.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MailQueue.MAX_PAGE_SIZE + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    static List<MessageSummary> search(Connection connection, QueueScope scope, QueueSearch search, int limit,
                                       int offset) throws SQLException {
        Where where = Where.in(scope);
        search.queueId().ifPresent(queueId -> where.and("m.queue_id = ?", queueId));
        search.sender().ifPresent(sender -> where.and("LOWER(m.sender) LIKE ? ESCAPE '!'", containing(sender)));
        search.recipient().ifPresent(recipient -> where.and("""
                EXISTS (SELECT 1 FROM queued_recipient f WHERE f.message_id = m.id
                        AND LOWER(f.address) LIKE ? ESCAPE '!')""", containing(recipient)));
        if (!search.states().isEmpty()) {
            where.and(search.states().stream().map(state -> "(" + STATE_CONDITIONS.get(state) + ")")
                    .collect(Collectors.joining(" OR ")));
        }
        return summaries(connection, where, limit, offset).stream().map(Found::summary).toList();
    }

    static Optional<MessageDetails> details(Connection connection, QueueScope scope, String queueId)
            throws SQLException {
        List<Found> found = summaries(connection, Where.in(scope).and("m.queue_id = ?", queueId), 1, 0);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found mail = found.getFirst();
        var message = JdbcMailQueue.loadMessage(connection, mail.id());
        return Optional.of(new MessageDetails(mail.summary(), message.client(), message.attempts(),
                recipientStatuses(connection, mail.id())));
    }

    /**
     * Brings the next attempt forward to {@code now} for what is deferred and not leased: a lease
     * means a node is working on it right now and will set the next attempt itself.
     */
    static boolean retryNow(Connection connection, QueueScope scope, String queueId, Instant now)
            throws SQLException {
        Optional<Lease> mail = visibleMail(connection, scope, queueId, false);
        if (mail.isEmpty()) {
            return false;
        }
        int changed = 0;
        for (String makeDue : List.of("""
                UPDATE queued_recipient SET next_attempt_at = ?
                WHERE message_id = ? AND state = 'DEFERRED' AND next_attempt_at > ?
                  AND (lease_until IS NULL OR lease_until < ?)""", """
                UPDATE queued_message SET next_attempt_at = ?
                WHERE id = ? AND state = 'RECEIVED' AND next_attempt_at > ?
                  AND (lease_until IS NULL OR lease_until < ?)""")) {
            try (PreparedStatement update = connection.prepareStatement(makeDue)) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, mail.get().messageId());
                update.setTimestamp(3, Timestamp.from(now));
                update.setTimestamp(4, Timestamp.from(now));
                changed += update.executeUpdate();
            }
        }
        if (changed > 0) {
            log.info("queueId={} retry now requested by an administrator", queueId);
        }
        return changed > 0;
    }

    /**
     * Deletes the mail; the foreign keys cascade to its content, recipients and quarantine entry.
     * The mail's rows are locked first, so no node can claim it between the lease check and the
     * delete (claims skip locked rows), and a claim that came first is seen by the check.
     */
    static boolean delete(Connection connection, QueueScope scope, String queueId, Instant now) throws SQLException {
        Optional<Lease> mail = visibleMail(connection, scope, queueId, true);
        if (mail.isEmpty()) {
            return false;
        }
        long messageId = mail.get().messageId();
        List<Lease> leases = new ArrayList<>(List.of(mail.get()));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT message_id, lease_owner, lease_until FROM queued_recipient WHERE message_id = ? FOR UPDATE")) {
            select.setLong(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    leases.add(Lease.of(row));
                }
            }
        }
        for (Lease lease : leases) {
            if (lease.heldAt(now)) {
                throw new MessageInUseException("mail " + queueId + " is being worked on by " + lease.owner()
                        + " until " + lease.until() + "; try again after that");
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM queued_message WHERE id = ?")) {
            delete.setLong(1, messageId);
            delete.executeUpdate();
        }
        log.info("queueId={} deleted by an administrator", queueId);
        return true;
    }

    private record Found(long id, MessageSummary summary) {
    }

    private static List<Found> summaries(Connection connection, Where where, int limit, int offset)
            throws SQLException {
        try (PreparedStatement select = where.prepare(connection, SUMMARY_SELECT,
                " ORDER BY m.received_at DESC, m.id DESC LIMIT ? OFFSET ?", limit, offset)) {
            List<Found> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(new Found(row.getLong("id"), new MessageSummary(row.getString("queue_id"),
                            row.getTimestamp("received_at").toInstant(), row.getString("sender"),
                            row.getInt("recipient_count"), row.getLong("size_octets"),
                            QueueState.valueOf(row.getString("queue_state")),
                            optionalInstant(row, "next_attempt"), Optional.ofNullable(row.getString("last_error")))));
                }
            }
            return found;
        }
    }

    private static List<RecipientStatus> recipientStatuses(Connection connection, long messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT address, state, attempts, next_attempt_at, last_reply, remote_host, bounce_state, updated_at
                FROM queued_recipient WHERE message_id = ? ORDER BY id""")) {
            select.setLong(1, messageId);
            List<RecipientStatus> recipients = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    RecipientState state = RecipientState.valueOf(row.getString("state"));
                    boolean waiting = state == RecipientState.QUEUED || state == RecipientState.DEFERRED;
                    recipients.add(new RecipientStatus(row.getString("address"), state, row.getInt("attempts"),
                            waiting ? optionalInstant(row, "next_attempt_at") : Optional.empty(),
                            Optional.ofNullable(row.getString("last_reply")),
                            Optional.ofNullable(row.getString("remote_host")),
                            bounce(row.getString("bounce_state")), row.getTimestamp("updated_at").toInstant()));
                }
            }
            return recipients;
        }
    }

    private static RecipientStatus.Bounce bounce(String bounceState) {
        return switch (bounceState == null ? "NONE" : bounceState) {
            case "NEEDED" -> RecipientStatus.Bounce.PENDING;
            case "SENT" -> RecipientStatus.Bounce.SENT;
            default -> RecipientStatus.Bounce.NONE;
        };
    }

    /** Who holds a lease on a row of a mail, and until when. */
    private record Lease(long messageId, String owner, Instant until) {

        static Lease of(ResultSet row) throws SQLException {
            return new Lease(row.getLong(1), row.getString(2), optionalInstant(row, "lease_until").orElse(null));
        }

        /** Claims take a row whose lease ended before their {@code now}; so it is held until then. */
        boolean heldAt(Instant now) {
            return until != null && !until.isBefore(now);
        }
    }

    private static Optional<Lease> visibleMail(Connection connection, QueueScope scope, String queueId, boolean lock)
            throws SQLException {
        try (PreparedStatement select = Where.in(scope).and("m.queue_id = ?", queueId).prepare(connection,
                "SELECT m.id, m.lease_owner, m.lease_until FROM queued_message m", lock ? " FOR UPDATE" : "")) {
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(Lease.of(row)) : Optional.empty();
            }
        }
    }

    private static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getTimestamp(column)).map(Timestamp::toInstant);
    }

    /** {@code text} anywhere, case-insensitive, for {@code LIKE ? ESCAPE '!'}. */
    private static String containing(String text) {
        return "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** A WHERE clause on queued_message {@code m}, built from parts, with its parameters in order. */
    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        /**
         * Starts with the caller's scope: the sender's domain or any recipient's domain must be one
         * of the scope's. Senders are stored as local@domain with the domain in lower case
         * (MailAddress), and a domain holds no '@', so a suffix match on "@domain" is an exact
         * domain match. Recipients have their domain in a column of its own.
         */
        static Where in(QueueScope scope) {
            Where where = new Where();
            if (scope.domains().isEmpty()) {
                return where;
            }
            Set<String> domains = scope.domains().get();
            if (domains.isEmpty()) {
                return where.and("1 = 0");
            }
            List<Object> values = new ArrayList<>();
            domains.forEach(domain -> values.add("%@" + escapeLike(domain)));
            values.addAll(domains);
            return where.and(String.join(" OR ", Collections.nCopies(domains.size(), "m.sender LIKE ? ESCAPE '!'"))
                    + " OR EXISTS (SELECT 1 FROM queued_recipient d WHERE d.message_id = m.id AND d.domain IN ("
                    + String.join(", ", Collections.nCopies(domains.size(), "?")) + "))", values.toArray());
        }

        Where and(String condition, Object... values) {
            conditions.add("(" + condition + ")");
            parameters.addAll(List.of(values));
            return this;
        }

        /** {@code select} with this clause and {@code tail} (e.g. ORDER BY), all parameters bound. */
        PreparedStatement prepare(Connection connection, String select, String tail, Object... tailValues)
                throws SQLException {
            String sql = select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + tail;
            List<Object> values = new ArrayList<>(parameters);
            values.addAll(List.of(tailValues));
            PreparedStatement statement = connection.prepareStatement(sql);
            try {
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                return statement;
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
        }
    }
}
