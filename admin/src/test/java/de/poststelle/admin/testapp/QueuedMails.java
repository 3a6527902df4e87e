package de.poststelle.admin.testapp;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.PipelineRunner;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.ProcessingResult;
import de.poststelle.store.JdbcMailQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mail put into the queue as the SMTP server would have stored it, for tests of the queue's administration. */
public final class QueuedMails {

    private QueuedMails() {
    }

    /** A small mail from a client on the loopback address that said HELO mx.example; returns its queue id. */
    public static String enqueue(MailQueue queue, Instant receivedAt, String sender, String recipient) {
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse(sender)), List.of(MailAddress.parse(recipient)),
                new ClientInfo(InetAddress.getLoopbackAddress(), "mx.example", false, null, receivedAt));
        try {
            return queue.enqueue(envelope, new ByteArrayInputStream("Subject: vertraulich\r\n\r\nText\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A mail held in quarantine as the virus scanning stage leaves it. It is claimed as a node of
     * the gateway cluster the mail was placed in; the claim may pick up other due mail of that
     * cluster in the shared test database too, and those leases are given back at once.
     */
    public static String quarantine(DataSource dataSource, Instant now, String sender, String recipient,
                                    String reason) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        String queueId = enqueue(new JdbcMailQueue(dataSource, clock), now, sender, recipient);
        String cluster = JdbcClient.create(dataSource).sql("SELECT cluster FROM queued_message WHERE queue_id = ?")
                .param(queueId).query(String.class).single();
        MailQueue queue = new JdbcMailQueue(dataSource, clock, cluster);
        String node = "quarantine-test";
        try {
            ProcessingJob job = queue.claimForProcessing(node, now, Duration.ofMinutes(5), 10_000).stream()
                    .filter(claimed -> claimed.queueId().equals(queueId)).findFirst().orElseThrow();
            Map<MailAddress, SmtpReply> failed = new LinkedHashMap<>();
            job.envelope().recipients().forEach(r -> failed.put(r, PipelineRunner.quarantineReply(reason)));
            queue.quarantine(job, new ProcessingResult(List.of(), Optional.empty(), failed, false), reason,
                    Optional.empty(), now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            queue.releaseLeases(node);
        }
        return queueId;
    }
}
