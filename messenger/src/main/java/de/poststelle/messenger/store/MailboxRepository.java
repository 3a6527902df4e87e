package de.poststelle.messenger.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Mailboxes by address (kept lower case: one mailbox per address, however a sender spells it). */
public final class MailboxRepository {

    private static final String COLUMNS = "id, address, state, password_hash, created_at, last_activity_at,"
            + " warnings_sent, deletion_due_at, failed_logins, login_locked_until";

    private final JdbcClient jdbc;

    public MailboxRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    public Optional<Mailbox> find(String address) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messenger_mailbox WHERE address = ?")
                .param(normalise(address)).query(MailboxRepository::mailbox).optional();
    }

    public Optional<Mailbox> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messenger_mailbox WHERE id = ?")
                .param(id).query(MailboxRepository::mailbox).optional();
    }

    /** Locks the mailbox's row until the transaction ends, so quota checks of parallel deliveries queue up. */
    public Optional<Mailbox> lock(String address) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messenger_mailbox WHERE address = ? FOR UPDATE")
                .param(normalise(address)).query(MailboxRepository::mailbox).optional();
    }

    /** The existing mailbox or a new one; safe when two deliveries create it at once. */
    public Mailbox findOrCreate(String address, Instant now) {
        Optional<Mailbox> existing = find(address);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbc.sql("INSERT INTO messenger_mailbox (address, state, created_at, last_activity_at) VALUES (?, 'NEW', ?, ?)")
                    .params(normalise(address), timestamp(now), timestamp(now)).update();
        } catch (DuplicateKeyException createdMeanwhile) {
            // the other delivery's mailbox is ours too
        }
        return find(address).orElseThrow();
    }

    public void activate(long id, String passwordHash, Instant now) {
        jdbc.sql("""
                        UPDATE messenger_mailbox SET state = 'ACTIVE', password_hash = ?, last_activity_at = ?,
                            warnings_sent = 0, deletion_due_at = NULL, failed_logins = 0, login_locked_until = NULL WHERE id = ?""")
                .params(passwordHash, timestamp(now), id).update();
    }

    public void recordLogin(long id, Instant now) {
        jdbc.sql("""
                        UPDATE messenger_mailbox SET last_activity_at = ?, warnings_sent = 0, deletion_due_at = NULL,
                            failed_logins = 0, login_locked_until = NULL WHERE id = ?""")
                .params(timestamp(now), id).update();
    }

    public void recordFailedLogin(long id, int failedLogins, Optional<Instant> lockedUntil) {
        jdbc.sql("UPDATE messenger_mailbox SET failed_logins = ?, login_locked_until = ? WHERE id = ?")
                .params(failedLogins, lockedUntil.map(MailboxRepository::timestamp).orElse(null), id).update();
    }

    public void recordWarning(long id, int warningsSent, Instant deletionDue) {
        jdbc.sql("UPDATE messenger_mailbox SET warnings_sent = ?, deletion_due_at = ? WHERE id = ?")
                .params(warningsSent, timestamp(deletionDue), id).update();
    }

    public List<Mailbox> inactiveSince(Instant before) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messenger_mailbox WHERE last_activity_at < ? ORDER BY id")
                .param(timestamp(before)).query(MailboxRepository::mailbox).list();
    }

    /** Deletes the mailbox with its messages and activations. */
    public void delete(long id) {
        jdbc.sql("DELETE FROM messenger_mailbox WHERE id = ?").param(id).update();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Mailbox mailbox(ResultSet row, int n) throws SQLException {
        return new Mailbox(row.getLong("id"), row.getString("address"), Mailbox.State.valueOf(row.getString("state")),
                Optional.ofNullable(row.getString("password_hash")), instant(row, "created_at"),
                instant(row, "last_activity_at"), row.getInt("warnings_sent"),
                Optional.ofNullable(instant(row, "deletion_due_at")), row.getInt("failed_logins"),
                Optional.ofNullable(instant(row, "login_locked_until")));
    }
}
