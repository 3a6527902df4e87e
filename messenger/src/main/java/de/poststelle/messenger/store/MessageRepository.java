package de.poststelle.messenger.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Messages of a mailbox. Every query names the mailbox, so one mailbox can never reach another's mail. */
public final class MessageRepository {

    private static final String COLUMNS = "id, mailbox_id, folder, counterpart, subject, size, stored_at, seen";

    private final JdbcClient jdbc;

    public MessageRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** @param deliveryKey identifies a delivered mail, so that a repeated delivery can be recognised; null for others */
    public long store(long mailboxId, Folder folder, String counterpart, byte[] encryptedSubject,
                      byte[] encryptedContent, long size, Instant now, String deliveryKey) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO messenger_message (mailbox_id, folder, counterpart, subject, content, size, stored_at,
                                                       delivery_key)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(mailboxId, folder.name(), counterpart, encryptedSubject, encryptedContent, size,
                        MailboxRepository.timestamp(now), deliveryKey)
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    public Optional<Long> findByDeliveryKey(String deliveryKey) {
        return jdbc.sql("SELECT id FROM messenger_message WHERE delivery_key = ?").param(deliveryKey)
                .query(Long.class).optional();
    }

    /** Newest first. */
    public List<StoredMessage> list(long mailboxId, Folder folder) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messenger_message WHERE mailbox_id = ? AND folder = ?"
                        + " ORDER BY stored_at DESC, id DESC")
                .params(mailboxId, folder.name()).query(MessageRepository::message).list();
    }

    public Optional<StoredMessage> find(long mailboxId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messenger_message WHERE mailbox_id = ? AND id = ?")
                .params(mailboxId, id).query(MessageRepository::message).optional();
    }

    /** The encrypted content. */
    public Optional<byte[]> content(long mailboxId, long id) {
        return jdbc.sql("SELECT content FROM messenger_message WHERE mailbox_id = ? AND id = ?")
                .params(mailboxId, id).query((row, n) -> row.getBytes("content")).optional();
    }

    /** Addresses of the authorities that wrote to this mailbox: the only ones it may write to. */
    public List<String> correspondents(long mailboxId) {
        return jdbc.sql("SELECT DISTINCT counterpart FROM messenger_message WHERE mailbox_id = ? AND folder <> 'SENT'"
                        + " ORDER BY counterpart")
                .param(mailboxId).query(String.class).list();
    }

    public void markSeen(long mailboxId, long id) {
        jdbc.sql("UPDATE messenger_message SET seen = TRUE WHERE mailbox_id = ? AND id = ?").params(mailboxId, id).update();
    }

    public boolean move(long mailboxId, long id, Folder folder) {
        return jdbc.sql("UPDATE messenger_message SET folder = ? WHERE mailbox_id = ? AND id = ?")
                .params(folder.name(), mailboxId, id).update() == 1;
    }

    public boolean delete(long mailboxId, long id) {
        return jdbc.sql("DELETE FROM messenger_message WHERE mailbox_id = ? AND id = ?").params(mailboxId, id).update() == 1;
    }

    /** Octets used over all folders. */
    public long usage(long mailboxId) {
        return jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM messenger_message WHERE mailbox_id = ?")
                .param(mailboxId).query(Long.class).single();
    }

    private static StoredMessage message(ResultSet row, int n) throws SQLException {
        return new StoredMessage(row.getLong("id"), row.getLong("mailbox_id"), Folder.valueOf(row.getString("folder")),
                row.getString("counterpart"), row.getBytes("subject"), row.getLong("size"),
                MailboxRepository.instant(row, "stored_at"), row.getBoolean("seen"));
    }
}
