package de.poststelle.store;

import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.BounceJob;
import de.poststelle.core.queue.DeliveryJob;
import de.poststelle.core.queue.GeneratedMail;
import de.poststelle.core.queue.LeaseLostException;
import de.poststelle.core.queue.PipelineRunner;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.ProcessingResult;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.queue.RecipientUpdate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quarantine in {@link JdbcMailQueue}, on H2 and PostgreSQL. */
class JdbcQuarantineTest extends QueueTestSupport {

    private static final String REASON = "virus found: Win.Test.EICAR_HDB-1";
    private static final String CONTENT = "Subject: Rechnung\r\n\r\nboese\r\n";

    /** What PipelineRunner hands the queue for a quarantined mail. */
    private static ProcessingResult quarantined(ProcessingJob job, Map<MailAddress, SmtpReply> earlierFailures) {
        Map<MailAddress, SmtpReply> failed = new LinkedHashMap<>(earlierFailures);
        job.envelope().recipients().stream().filter(r -> !failed.containsKey(r))
                .forEach(r -> failed.put(r, PipelineRunner.quarantineReply(REASON)));
        return new ProcessingResult(List.of(), Optional.empty(), failed, job.envelope().sender().isPresent());
    }

    private String quarantineOne(String sender, String... recipients) throws Exception {
        String queueId = queue.enqueue(envelope(sender, recipients),
                new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8)));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        queue.quarantine(job, quarantined(job, Map.of()), REASON, Optional.empty(), T0);
        return queueId;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void quarantinedMailIsKeptListedAndNotDeliveredAndTheSenderIsBounced(TestDatabase database) throws Exception {
        open(database);
        String queueId = quarantineOne("a@behoerde.example", "b@extern.example", "c@extern.example");

        assertThat(queue.claimDeliveries("node-1", T0, LEASE, 10)).isEmpty();
        assertThat(queue.claimForProcessing("node-1", T0.plusSeconds(3600), LEASE, 10)).isEmpty();
        assertThat(queue.listQuarantine(10)).singleElement().satisfies(entry -> {
            assertThat(entry.queueId()).isEqualTo(queueId);
            assertThat(entry.sender()).isEqualTo("a@behoerde.example");
            assertThat(entry.recipients()).containsExactly("b@extern.example", "c@extern.example");
            assertThat(entry.reason()).isEqualTo(REASON);
            assertThat(entry.quarantinedAt()).isEqualTo(T0);
            assertThat(entry.size()).isEqualTo(CONTENT.length());
        });

        BounceJob bounce = queue.claimBounces("node-1", T0, LEASE, 10).getFirst();
        assertThat(bounce.recipients()).extracting(r -> r.reply())
                .containsOnly("554 5.7.0 message quarantined: " + REASON);
        queue.completeBounce(bounce, envelope("", "a@behoerde.example"),
                MessageSource.ofBytes("Subject: Unzustellbar\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8)), T0);

        assertThat(queue.purgeCompleted(T0.plus(Duration.ofDays(365)))).as("quarantine is never purged").isZero();
        assertThat(queue.quarantinedContent(queueId)).hasValueSatisfying(c -> {
            try {
                assertThat(readText(c)).as("content kept after the bounce").isEqualTo(CONTENT);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theAlertNoticeIsQueuedWithTheQuarantineAndOnlyWithIt(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example"),
                new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8)));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        GeneratedMail alert = new GeneratedMail(envelope("", "sicherheit@behoerde.example"),
                MessageSource.ofBytes("Subject: Quarantäne\r\n\r\nQueue-ID\r\n".getBytes(StandardCharsets.UTF_8)));
        queue.claimForProcessing("node-2", T0.plus(LEASE).plusSeconds(1), LEASE, 1);

        assertThatThrownBy(() -> queue.quarantine(job, quarantined(job, Map.of()), REASON, Optional.of(alert), T0))
                .as("lease lost: nothing of it is kept").isInstanceOf(LeaseLostException.class);
        assertThat(queue.claimForProcessing("node-1", T0.plusSeconds(3600), LEASE, 10))
                .as("no notice was queued").extracting(ProcessingJob::envelope).extracting(Envelope::recipients)
                .containsExactly(List.of(MailAddress.parse("b@extern.example")));

        ProcessingJob retaken = queue.claimForProcessing("node-1", T0.plusSeconds(7200), LEASE, 1).getFirst();
        queue.quarantine(retaken, quarantined(retaken, Map.of()), REASON, Optional.of(alert), T0.plusSeconds(7200));
        ProcessingJob notice = queue.claimForProcessing("node-1", T0.plusSeconds(7200), LEASE, 10).getFirst();
        assertThat(notice.envelope().sender()).as("null sender: a notice never bounces").isEmpty();
        assertThat(notice.envelope().recipients()).containsExactly(MailAddress.parse("sicherheit@behoerde.example"));
        assertThat(readText(notice.content())).contains("Quarantäne");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void nullSenderIsNotBouncedAndEarlierFailuresKeepTheirReason(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("", "b@extern.example", "c@extern.example"),
                new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8)));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        queue.quarantine(job, quarantined(job, Map.of(MailAddress.parse("c@extern.example"),
                new SmtpReply(550, "5.7.1", "policy"))), REASON, Optional.empty(), T0);

        assertThat(queue.counts().bouncesDue()).isZero();
        assertThat(queue.listQuarantine(10)).singleElement()
                .satisfies(e -> assertThat(e.recipients()).containsExactly("b@extern.example"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void releasedMailIsDeliveredToTheQuarantinedRecipients(TestDatabase database) throws Exception {
        open(database);
        String queueId = quarantineOne("a@behoerde.example", "b@extern.example");
        Instant later = T0.plusSeconds(60);

        assertThat(queue.releaseFromQuarantine(queueId, later)).isTrue();
        assertThat(queue.releaseFromQuarantine(queueId, later)).as("only once").isFalse();
        assertThat(queue.listQuarantine(10)).isEmpty();
        assertThat(queue.counts().bouncesDue()).as("the pending bounce is dropped").isZero();

        DeliveryJob delivery = queue.claimDeliveries("node-1", later, LEASE, 10).getFirst();
        assertThat(delivery.recipients()).extracting(r -> r.address().toString()).containsExactly("b@extern.example");
        assertThat(readText(delivery.content())).isEqualTo(CONTENT);
        queue.recordOutcomes(delivery, List.of(new RecipientUpdate(delivery.recipients().getFirst().id(),
                RecipientState.DELIVERED, Optional.empty(), "250 ok", "mx", false)), later);
        assertThat(queue.counts().active()).isZero();
        assertThat(queue.purgeCompleted(later.plusSeconds(1))).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deletedMailIsFinishedAndPurged(TestDatabase database) throws Exception {
        open(database);
        String queueId = quarantineOne("", "b@extern.example");

        assertThat(queue.deleteFromQuarantine(queueId, T0)).isTrue();
        assertThat(queue.deleteFromQuarantine(queueId, T0)).isFalse();
        assertThat(queue.listQuarantine(10)).isEmpty();
        assertThat(queue.quarantinedContent(queueId)).isEmpty();
        assertThat(queue.claimDeliveries("node-1", T0, LEASE, 10)).isEmpty();
        assertThat(queue.purgeCompleted(T0.plusSeconds(1))).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void quarantineNeedsTheProcessingLease(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example"),
                new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8)));
        ProcessingJob stale = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        queue.claimForProcessing("node-2", T0.plus(LEASE).plusSeconds(1), LEASE, 1);

        assertThatThrownBy(() -> queue.quarantine(stale, quarantined(stale, Map.of()), REASON, Optional.empty(), T0))
                .isInstanceOf(LeaseLostException.class);
        assertThat(queue.listQuarantine(10)).isEmpty();
    }
}
