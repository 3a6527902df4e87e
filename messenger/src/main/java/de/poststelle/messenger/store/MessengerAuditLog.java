package de.poststelle.messenger.store;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

/**
 * Logins, activations and deletions of mailboxes. Kept apart from the administrators' audit log:
 * its actors are citizens and the gateway itself, not administrators with roles and tenants.
 */
public final class MessengerAuditLog {

    public record Entry(String address, String event, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public MessengerAuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public void record(String address, String event, String detail, String remote) {
        jdbc.sql("INSERT INTO messenger_audit (at, address, event, detail, remote) VALUES (?, ?, ?, ?, ?)")
                .params(MailboxRepository.timestamp(clock.instant()), address, event, detail, remote).update();
    }

    public boolean has(String address, String event, String detail) {
        return jdbc.sql("SELECT COUNT(*) FROM messenger_audit WHERE address = ? AND event = ? AND detail = ?")
                .params(address, event, detail).query(Long.class).single() > 0;
    }

    /** Oldest first. */
    public List<Entry> entriesFor(String address) {
        return jdbc.sql("SELECT address, event, detail FROM messenger_audit WHERE address = ? ORDER BY id")
                .param(MailboxRepository.normalise(address))
                .query((row, n) -> new Entry(row.getString("address"), row.getString("event"), row.getString("detail")))
                .list();
    }
}
