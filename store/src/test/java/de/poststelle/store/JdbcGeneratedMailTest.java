package de.poststelle.store;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.pipeline.Pipeline;
import de.poststelle.core.queue.DeliveryHandoff;
import de.poststelle.core.queue.DeliveryJob;
import de.poststelle.core.queue.GeneratedMail;
import de.poststelle.core.queue.LeaseLostException;
import de.poststelle.core.queue.PipelineRunner;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.queue.RecipientStatus;
import de.poststelle.core.queue.RetryPolicy;
import de.poststelle.core.queue.WorkSignal;
import de.poststelle.core.pipeline.StageResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mails a stage generates with a hand-off (the Messenger's notices) are queued in the transaction
 * that records the pipeline's result: they exist exactly when the hand-off is recorded.
 */
class JdbcGeneratedMailTest extends QueueTestSupport {

    private static final MailAddress CITIZEN = MailAddress.parse("buerger@extern.example");
    private static final MailAddress CLERK = MailAddress.parse("amt@behoerde.example");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theNoticesAreQueuedWithTheHandOffAndGoThroughThePipelineLikeAnyMail(TestDatabase database) throws Exception {
        open(database);
        String queueId = enqueue("buerger@extern.example", "b@other.example");
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        List<DeliveryJob> started = new ArrayList<>();

        runner(notice(CITIZEN, "Ihr Link")).process(job, handoffWithRoom(started));

        assertThat(states(queueId)).containsEntry("buerger@extern.example", RecipientState.DELIVERED);
        assertThat(started).as("the other recipient went on to delivery in the same transaction")
                .flatExtracting(DeliveryJob::recipients).extracting(r -> r.address().toString())
                .containsExactly("b@other.example");
        List<ProcessingJob> queued = queue.claimForProcessing("node-2", T0, LEASE, 10);
        assertThat(queued).as("the notice waits for the pipeline").singleElement().satisfies(notice -> {
            assertThat(notice.envelope().recipients()).containsExactly(CITIZEN);
            assertThat(readText(notice.content())).isEqualTo("Subject: Ihr Link\r\n\r\nText\r\n");
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNoticeThatCannotBeStoredUndoesTheHandOffSoTheRunIsRepeated(TestDatabase database) throws Exception {
        open(database);
        String queueId = enqueue("buerger@extern.example");
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        GeneratedMail broken = new GeneratedMail(noticeEnvelope(CLERK), new MessageSource() {
            @Override
            public InputStream open() {
                return new SequenceInputStream(text("Subject: PIN\r\n\r\n"), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk gone");
                    }
                });
            }

            @Override
            public long size() {
                return 100;
            }
        });

        assertThatThrownBy(() -> runner(notice(CITIZEN, "Ihr Link"), broken).process(job, noRoom()))
                .hasRootCauseMessage("disk gone");

        assertThat(states(queueId)).containsEntry("buerger@extern.example", RecipientState.PENDING);
        List<ProcessingJob> again = queue.claimForProcessing("node-1", T0.plus(LEASE).plusSeconds(1), LEASE, 10);
        assertThat(again).as("only the mail itself, for another run; no notice without it")
                .extracting(ProcessingJob::queueId).containsExactly(queueId);
    }

    /**
     * Lease loss: a slow node's run and the run of the node that took over both write notices; only
     * the run whose result is recorded queues its own, so the recipient gets one set.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void ofTwoRunsOnlyTheOneWhoseResultCountsQueuesItsNotices(TestDatabase database) throws Exception {
        open(database);
        String queueId = enqueue("buerger@extern.example");
        ProcessingJob slow = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        ProcessingJob takenOver = queue.claimForProcessing("node-2", T0.plus(LEASE).plusSeconds(1), LEASE, 1).getFirst();

        runner(notice(CITIZEN, "Link von node-2")).process(takenOver, noRoom());
        assertThatThrownBy(() -> runner(notice(CITIZEN, "Link von node-1")).process(slow, noRoom()))
                .isInstanceOf(LeaseLostException.class);

        assertThat(states(queueId)).containsEntry("buerger@extern.example", RecipientState.DELIVERED);
        List<ProcessingJob> queued = queue.claimForProcessing("node-3", T0.plus(LEASE.multipliedBy(3)), LEASE, 10);
        assertThat(queued).singleElement().satisfies(notice ->
                assertThat(readText(notice.content())).contains("Link von node-2"));
    }

    private String enqueue(String... recipients) throws Exception {
        return queue.enqueue(envelope(CLERK.toString(), recipients), text("Subject: Bescheid\r\n\r\nx\r\n"));
    }

    private PipelineRunner runner(GeneratedMail... notices) {
        Pipeline handsOff = new Pipeline(List.of(mail -> {
            mail.handOff(CITIZEN, "stored in the Messenger mailbox", List.of(notices));
            return StageResult.CONTINUE;
        }));
        return new PipelineRunner(queue, handsOff, new RetryPolicy(Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofDays(5)), Clock.fixed(T0, ZoneOffset.UTC), new WorkSignal(),
                notice -> MessageSource.ofBytes(new byte[0]), "gw.test");
    }

    private static GeneratedMail notice(MailAddress to, String subject) {
        return new GeneratedMail(noticeEnvelope(to),
                MessageSource.ofBytes(("Subject: " + subject + "\r\n\r\nText\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static Envelope noticeEnvelope(MailAddress to) {
        return new Envelope(Optional.of(MailAddress.parse("messenger@gw.test")), List.of(to),
                ClientInfo.local("gw.test", T0));
    }

    private Map<String, RecipientState> states(String queueId) {
        return queue.messageDetails(QueueScope.all(), queueId).orElseThrow().recipients().stream()
                .collect(Collectors.toMap(RecipientStatus::address, RecipientStatus::state));
    }

    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    private static DeliveryHandoff noRoom() {
        return handoff(false, new ArrayList<>());
    }

    private static DeliveryHandoff handoffWithRoom(List<DeliveryJob> started) {
        return handoff(true, started);
    }

    private static DeliveryHandoff handoff(boolean room, List<DeliveryJob> started) {
        return new DeliveryHandoff() {
            @Override
            public boolean tryReserve(int jobs) {
                return room;
            }

            @Override
            public void release(int jobs) {
            }

            @Override
            public void start(DeliveryJob job) {
                started.add(job);
            }

            @Override
            public Duration lease() {
                return LEASE;
            }
        };
    }
}
