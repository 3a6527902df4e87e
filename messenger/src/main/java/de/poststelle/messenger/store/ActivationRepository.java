package de.poststelle.messenger.store;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Optional;

public final class ActivationRepository {

    private final JdbcClient jdbc;

    public ActivationRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Replaces every earlier activation of the mailbox: their links and PINs stop working. */
    public void replace(long mailboxId, String tokenHash, String pinHash, Instant expiresAt) {
        deleteFor(mailboxId);
        add(mailboxId, tokenHash, pinHash, expiresAt);
    }

    /** Adds an activation beside the earlier ones of the mailbox, which keep working. */
    public void add(long mailboxId, String tokenHash, String pinHash, Instant expiresAt) {
        jdbc.sql("INSERT INTO messenger_activation (mailbox_id, token_hash, pin_hash, expires_at) VALUES (?, ?, ?, ?)")
                .params(mailboxId, tokenHash, pinHash, MailboxRepository.timestamp(expiresAt)).update();
    }

    public Optional<Activation> findByToken(String tokenHash) {
        return jdbc.sql("SELECT id, mailbox_id, pin_hash, expires_at, failed_pins FROM messenger_activation WHERE token_hash = ?")
                .param(tokenHash)
                .query((row, n) -> new Activation(row.getLong("id"), row.getLong("mailbox_id"), row.getString("pin_hash"),
                        MailboxRepository.instant(row, "expires_at"), row.getInt("failed_pins")))
                .optional();
    }

    public void recordWrongPin(long id) {
        jdbc.sql("UPDATE messenger_activation SET failed_pins = failed_pins + 1 WHERE id = ?").param(id).update();
    }

    public void deleteFor(long mailboxId) {
        jdbc.sql("DELETE FROM messenger_activation WHERE mailbox_id = ?").param(mailboxId).update();
    }
}
