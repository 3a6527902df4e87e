package de.poststelle.store.tenant;

import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.trace.DemailDispatch;
import de.poststelle.core.trace.DemailTrace;
import de.poststelle.core.trace.DemailTraceLog;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The De-Mail message trace (migration V14), written by the gateway and read per tenant by the admin. */
public final class DemailTraceRepository implements DemailTraceLog {

    private static final int MAX_DETAIL = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;

    public DemailTraceRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    @Override
    public void dispatched(DemailDispatch dispatch) {
        // A mail whose pipeline run is repeated is rewritten again, possibly with a new Message-ID.
        jdbc.sql("DELETE FROM demail_trace WHERE queue_id = ?").param(dispatch.queueId()).update();
        jdbc.sql("""
                INSERT INTO demail_trace (tenant_id, queue_id, message_id, internal_sender, demail_sender, options,
                                          dispatched_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(dispatch.tenantId(), dispatch.queueId(), dispatch.messageId(),
                        dispatch.internalSender().toString(), dispatch.demailSender().toString(),
                        String.join(",", dispatch.options()), Rows.timestamp(clock.instant()))
                .update();
        long traceId = jdbc.sql("SELECT id FROM demail_trace WHERE queue_id = ?").param(dispatch.queueId())
                .query(Long.class).single();
        for (int i = 0; i < dispatch.recipients().size(); i++) {
            jdbc.sql("INSERT INTO demail_trace_recipient (trace_id, seq, address) VALUES (?, ?, ?)")
                    .params(traceId, i, dispatch.recipients().get(i).toString()).update();
        }
    }

    @Override
    public void providerAnswered(String queueId, MailAddress recipient, SmtpReply reply) {
        jdbc.sql("""
                INSERT INTO demail_trace_event (trace_id, occurred_at, kind, subject, detail)
                SELECT id, ?, ?, ?, ? FROM demail_trace WHERE queue_id = ?""")
                .params(Rows.timestamp(clock.instant()), DemailTrace.EventKind.PROVIDER_ANSWER.name(),
                        recipient.toString(), truncate(reply.toString()), queueId)
                .update();
    }

    @Override
    public void noticeReceived(String reference, MailAddress demailSender, String kind, String noticeMessageId) {
        jdbc.sql("""
                INSERT INTO demail_trace_event (trace_id, occurred_at, kind, subject, detail)
                SELECT t.id, ?, ?, ?, ? FROM demail_trace t
                WHERE t.message_id = ? AND t.demail_sender = ?
                  AND NOT EXISTS (SELECT 1 FROM demail_trace_event e
                                  WHERE e.trace_id = t.id AND e.kind = ? AND e.detail = ?)""")
                .params(Rows.timestamp(clock.instant()), DemailTrace.EventKind.NOTICE.name(), truncate(kind),
                        truncate(noticeMessageId), reference, demailSender.toString(),
                        DemailTrace.EventKind.NOTICE.name(), truncate(noticeMessageId))
                .update();
    }

    /** The trace of tenant {@code tenantId}'s De-Mail queued as {@code queueId}. */
    public Optional<DemailTrace> findByQueueId(long tenantId, String queueId) {
        return find(tenantId, "queue_id", queueId).stream().findFirst();
    }

    /** The traces of tenant {@code tenantId}'s De-Mail with this Message-ID (several if a client reused it). */
    public List<DemailTrace> findByMessageId(long tenantId, String messageId) {
        return find(tenantId, "message_id", messageId);
    }

    private List<DemailTrace> find(long tenantId, String column, String value) {
        record Row(long id, String queueId, String messageId, String internalSender, String demailSender,
                   String options, Instant at) {
        }
        List<Row> rows = jdbc.sql("SELECT id, queue_id, message_id, internal_sender, demail_sender, options,"
                        + " dispatched_at FROM demail_trace WHERE tenant_id = ? AND " + column + " = ? ORDER BY id")
                .params(tenantId, value)
                .query((row, n) -> new Row(row.getLong("id"), row.getString("queue_id"), row.getString("message_id"),
                        row.getString("internal_sender"), row.getString("demail_sender"), row.getString("options"),
                        Rows.instant(row, "dispatched_at")))
                .list();
        return rows.stream().map(row -> new DemailTrace(new DemailDispatch(tenantId, row.queueId(), row.messageId(),
                MailAddress.parse(row.internalSender()), MailAddress.parse(row.demailSender()), recipients(row.id()),
                Arrays.stream(row.options().split(",")).filter(option -> !option.isEmpty()).toList()),
                row.at(), events(row.id()))).toList();
    }

    private List<MailAddress> recipients(long traceId) {
        return jdbc.sql("SELECT address FROM demail_trace_recipient WHERE trace_id = ? ORDER BY seq").param(traceId)
                .query((row, n) -> MailAddress.parse(row.getString("address"))).list();
    }

    private List<DemailTrace.Event> events(long traceId) {
        return jdbc.sql("SELECT occurred_at, kind, subject, detail FROM demail_trace_event WHERE trace_id = ? ORDER BY id")
                .param(traceId)
                .query((row, n) -> new DemailTrace.Event(Rows.instant(row, "occurred_at"),
                        DemailTrace.EventKind.valueOf(row.getString("kind")), row.getString("subject"),
                        row.getString("detail")))
                .list();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL);
    }
}
