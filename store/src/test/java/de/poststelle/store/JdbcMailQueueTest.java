package de.poststelle.store;

import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.BounceJob;
import de.poststelle.core.queue.DeliveryJob;
import de.poststelle.core.queue.LeaseLostException;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.ProcessingResult;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.queue.RecipientUpdate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcMailQueueTest extends QueueTestSupport {


    private static InputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void storedMailComesBackForProcessingWithEnvelopeAndExactContent(TestDatabase database) throws Exception {
        open(database);
        String content = "Subject: Hallo\r\n\r\nGrüße aus Dresden\r\n";
        String queueId = queue.enqueue(envelope("a@behoerde.example", "b@extern.example", "c@extern.example"),
                text(content));

        List<ProcessingJob> jobs = queue.claimForProcessing("node-1", T0, LEASE, 10);

        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.queueId()).isEqualTo(queueId);
            assertThat(job.envelope().senderText()).isEqualTo("a@behoerde.example");
            assertThat(job.envelope().recipients()).extracting(MailAddress::toString)
                    .containsExactly("b@extern.example", "c@extern.example");
            assertThat(job.envelope().client().tlsProtocol()).isEqualTo("TLSv1.3");
            assertThat(new String(read(job.content()), StandardCharsets.UTF_8)).isEqualTo(content);
        });
        assertThat(queue.claimForProcessing("node-2", T0, LEASE, 10)).as("claimed mail is leased").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void largeContentSpanningManyChunksIsStoredByteExact(TestDatabase database) throws Exception {
        open(database);
        byte[] content = new byte[ChunkedContent.CHUNK_SIZE * 5 + 1234];
        new Random(42).nextBytes(content);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example"), new ByteArrayInputStream(content));

        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();

        assertThat(job.content().size()).isEqualTo(content.length);
        assertThat(MessageDigest.getInstance("SHA-256").digest(read(job.content())))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void contentThatFailsWhileReadingLeavesNothingBehind(TestDatabase database) throws Exception {
        open(database);
        InputStream breaksHalfway = new FilterInputStream(new ByteArrayInputStream(new byte[ChunkedContent.CHUNK_SIZE * 3])) {
            private int reads;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (++reads > 2) {
                    throw new IOException("client went away");
                }
                return super.read(b, off, len);
            }
        };

        assertThatThrownBy(() -> queue.enqueue(envelope("a@behoerde.example", "b@extern.example"), breaksHalfway))
                .isInstanceOf(IOException.class).hasMessage("client went away");
        assertThat(queue.counts().active()).isZero();
        assertThat(queue.claimForProcessing("node-1", T0, LEASE, 10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentNodesNeverClaimTheSameMail(TestDatabase database) throws Exception {
        open(database);
        for (int i = 0; i < 60; i++) {
            queue.enqueue(envelope("a@behoerde.example", "b@extern.example"), text("Subject: " + i + "\r\n\r\nx\r\n"));
        }
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService nodes = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int node = 0; node < 4; node++) {
                String owner = "node-" + node;
                futures.add(nodes.submit(() -> {
                    List<ProcessingJob> jobs;
                    while (!(jobs = queue.claimForProcessing(owner, T0, LEASE, 3)).isEmpty()) {
                        jobs.forEach(job -> claimed.add(job.queueId()));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(claimed).hasSize(60).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void workOfANodeWhoseLeaseRanOutIsTakenOverAndItsLateResultRefused(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example"), text("\r\nx\r\n"));
        ProcessingJob crashed = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();

        assertThat(queue.claimForProcessing("node-2", T0.plus(Duration.ofMinutes(4)), LEASE, 1)).isEmpty();
        ProcessingJob takenOver = queue.claimForProcessing("node-2", T0.plus(Duration.ofMinutes(6)), LEASE, 1).getFirst();

        assertThat(takenOver.queueId()).isEqualTo(crashed.queueId());
        assertThatThrownBy(() -> queue.completeProcessing(crashed, noChanges(), T0)).isInstanceOf(LeaseLostException.class);
        queue.completeProcessing(takenOver, noChanges(), T0);
        assertThat(queue.counts().queued()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRestartedNodeResumesItsInterruptedWorkAtOnce(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example"), text("\r\nx\r\n"));
        queue.claimForProcessing("node-1", T0, LEASE, 1);

        assertThat(queue.releaseLeases("node-1")).isEqualTo(1);

        assertThat(queue.claimForProcessing("node-1", T0.plusSeconds(1), LEASE, 1)).hasSize(1);
    }

    private static ProcessingResult noChanges() {
        return new ProcessingResult(List.of(), Optional.empty(), Map.of(), true);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void recipientsAreDeliveredDeferredAndRetriedEachOnTheirOwn(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example", "c@extern.example", "d@other.example"),
                text("Subject: x\r\n\r\nbody\r\n"));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        queue.completeProcessing(job, new ProcessingResult(List.of("Received: from x"), Optional.empty(), Map.of(), true), T0);

        List<DeliveryJob> deliveries = queue.claimDeliveries("node-1", T0, LEASE, 10);
        assertThat(deliveries).as("grouped by domain").hasSize(2);
        DeliveryJob extern = deliveries.stream().filter(d -> d.domain().equals("extern.example")).findFirst().orElseThrow();
        assertThat(new String(read(extern.content()), StandardCharsets.UTF_8))
                .isEqualTo("Received: from x\r\nSubject: x\r\n\r\nbody\r\n");

        Instant retryAt = T0.plus(Duration.ofMinutes(1));
        queue.recordOutcomes(extern, List.of(
                new RecipientUpdate(extern.recipients().get(0).id(), RecipientState.DELIVERED, Optional.empty(), "250 ok", "mx", false),
                new RecipientUpdate(extern.recipients().get(1).id(), RecipientState.DEFERRED, Optional.of(retryAt), "451 later", "mx", false)),
                T0);
        DeliveryJob other = deliveries.stream().filter(d -> d.domain().equals("other.example")).findFirst().orElseThrow();
        queue.recordOutcomes(other, List.of(new RecipientUpdate(other.recipients().getFirst().id(), RecipientState.DELIVERED,
                Optional.empty(), "250 ok", "mx2", false)), T0);

        assertThat(queue.counts().deferred()).isEqualTo(1);
        assertThat(queue.claimDeliveries("node-1", T0.plusSeconds(30), LEASE, 10)).as("not due yet").isEmpty();
        DeliveryJob retry = queue.claimDeliveries("node-1", retryAt, LEASE, 10).getFirst();
        assertThat(retry.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address().toString()).isEqualTo("c@extern.example");
            assertThat(r.attempts()).isEqualTo(1);
        });
        queue.recordOutcomes(retry, List.of(new RecipientUpdate(retry.recipients().getFirst().id(), RecipientState.DELIVERED,
                Optional.empty(), "250 ok", "mx", false)), retryAt);

        assertThat(queue.counts().active()).isZero();
        assertThat(queue.purgeCompleted(retryAt.plusSeconds(1))).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void failedRecipientIsBouncedToTheSenderWithTheNullReversePath(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example"), text("Subject: Antrag\r\n\r\nbody\r\n"));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        queue.completeProcessing(job, noChanges(), T0);
        DeliveryJob delivery = queue.claimDeliveries("node-1", T0, LEASE, 10).getFirst();
        queue.recordOutcomes(delivery, List.of(new RecipientUpdate(delivery.recipients().getFirst().id(),
                RecipientState.FAILED, Optional.empty(), "550 5.1.1 no such user", "mx.extern.example", true)), T0);

        BounceJob bounce = queue.claimBounces("node-1", T0, LEASE, 10).getFirst();
        assertThat(bounce.sender().toString()).isEqualTo("a@behoerde.example");
        assertThat(bounce.recipients()).singleElement().satisfies(r -> {
            assertThat(r.reply()).isEqualTo("550 5.1.1 no such user");
            assertThat(r.remoteHost()).isEqualTo("mx.extern.example");
        });
        assertThat(new String(read(bounce.originalContent()), StandardCharsets.UTF_8)).startsWith("Subject: Antrag");

        MessageSource dsn = MessageSource.ofBytes("Subject: Unzustellbar\r\n\r\nsorry\r\n".getBytes(StandardCharsets.UTF_8));
        queue.completeBounce(bounce, envelope("", "a@behoerde.example"), dsn, T0);

        assertThat(queue.counts().bouncesDue()).isZero();
        ProcessingJob queuedDsn = queue.claimForProcessing("node-1", T0, LEASE, 10).getFirst();
        assertThat(queuedDsn.envelope().sender()).isEmpty();
        assertThat(queuedDsn.envelope().recipients()).extracting(MailAddress::toString).containsExactly("a@behoerde.example");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRewrittenRecipientKeepsTheAddressTheClientNamedThroughProcessingAndBounce(TestDatabase database)
            throws Exception {
        open(database);
        Envelope received = envelope("buerger@stadt.de-mail.de", "sammel@behoerde.example", "b@extern.example");
        queue.enqueue(new Envelope(received.sender(), received.recipients(), received.client(),
                List.of(MailAddress.parse("niemand@behoerde.de-mail.de"), MailAddress.parse("b@extern.example"))),
                text("Subject: Antrag\r\n\r\nbody\r\n"));

        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        assertThat(job.envelope().rewrittenFrom(0)).map(MailAddress::toString).contains("niemand@behoerde.de-mail.de");
        assertThat(job.envelope().rewrittenFrom(1)).isEmpty();
        queue.completeProcessing(job, noChanges(), T0);
        for (DeliveryJob delivery : queue.claimDeliveries("node-1", T0, LEASE, 10)) {
            queue.recordOutcomes(delivery, delivery.recipients().stream().map(r -> new RecipientUpdate(r.id(),
                    RecipientState.FAILED, Optional.empty(), "550 5.1.1 no such user", "mx.example", true)).toList(), T0);
        }

        assertThat(queue.claimBounces("node-1", T0, LEASE, 10).getFirst().recipients())
                .extracting(r -> r.address() + " " + r.rewrittenFrom().map(MailAddress::toString).orElse("-"))
                .containsExactlyInAnyOrder("sammel@behoerde.example niemand@behoerde.de-mail.de", "b@extern.example -");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pipelineFailuresAndReplacedContentAreRecorded(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("", "b@extern.example", "c@extern.example"), text("original"));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        MessageSource replaced = MessageSource.ofBytes("encrypted".getBytes(StandardCharsets.UTF_8));
        queue.completeProcessing(job, new ProcessingResult(List.of(), Optional.of(replaced),
                Map.of(MailAddress.parse("c@extern.example"), new SmtpReply(550, "5.7.1", "policy")), false), T0);

        DeliveryJob delivery = queue.claimDeliveries("node-1", T0, LEASE, 10).getFirst();
        assertThat(delivery.recipients()).extracting(r -> r.address().toString()).containsExactly("b@extern.example");
        assertThat(new String(read(delivery.content()), StandardCharsets.UTF_8)).isEqualTo("encrypted");
        assertThat(queue.counts().bouncesDue()).as("null sender is never bounced to").isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void recipientsSplitOffGetTheContentAsReceivedAndPassThePipelineAgain(TestDatabase database) throws Exception {
        open(database);
        String original = "Subject: Hallo\r\n\r\n" + "x".repeat(300_000) + "\r\n";
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example", "c@extern.example", "d@extern.example"),
                text(original));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        MessageSource encrypted = MessageSource.ofBytes("encrypted for b".getBytes(StandardCharsets.UTF_8));
        queue.completeProcessing(job, new ProcessingResult(List.of("Received: by us"), Optional.of(encrypted), Map.of(),
                true, List.of(List.of(MailAddress.parse("c@extern.example"), MailAddress.parse("d@extern.example")))),
                T0.plusSeconds(1));

        DeliveryJob delivery = queue.claimDeliveries("node-1", T0.plusSeconds(1), LEASE, 10).getFirst();
        assertThat(delivery.recipients()).extracting(r -> r.address().toString()).containsExactly("b@extern.example");
        assertThat(readText(delivery.content())).isEqualTo("Received: by us\r\nencrypted for b");
        ProcessingJob copy = queue.claimForProcessing("node-1", T0.plusSeconds(1), LEASE, 1).getFirst();
        assertThat(copy.queueId()).isNotEqualTo(job.queueId());
        assertThat(copy.envelope().recipients()).extracting(MailAddress::toString)
                .containsExactly("c@extern.example", "d@extern.example");
        assertThat(copy.envelope().senderText()).isEqualTo("a@behoerde.example");
        assertThat(copy.receivedAt()).as("the queue's maximum age counts from the first arrival").isEqualTo(T0);
        assertThat(readText(copy.content())).isEqualTo(original);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSplitIsUndoneWithTheProcessingItBelongsTo(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example", "c@extern.example"), text("x"));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        queue.claimForProcessing("node-2", T0.plus(LEASE).plusSeconds(1), LEASE, 1);

        assertThatThrownBy(() -> queue.completeProcessing(job, new ProcessingResult(List.of(), Optional.empty(),
                Map.of(), true, List.of(List.of(MailAddress.parse("c@extern.example")))), T0.plus(LEASE).plusSeconds(2)))
                .isInstanceOf(LeaseLostException.class);
        assertThat(queue.counts().pendingMessages()).as("no copy was made").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deferredProcessingWaitsUntilItsNextAttempt(TestDatabase database) throws Exception {
        open(database);
        queue.enqueue(envelope("a@behoerde.example", "b@extern.example"), text("x"));
        ProcessingJob job = queue.claimForProcessing("node-1", T0, LEASE, 1).getFirst();
        queue.deferProcessing(job, T0.plusSeconds(60), "scanner unreachable");

        assertThat(queue.claimForProcessing("node-1", T0.plusSeconds(59), LEASE, 1)).isEmpty();
        assertThat(queue.claimForProcessing("node-1", T0.plusSeconds(60), LEASE, 1))
                .singleElement().extracting(ProcessingJob::attempts).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void queueIdsAreUnique(TestDatabase database) throws Exception {
        open(database);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(queue.enqueue(envelope("a@behoerde.example", "b@extern.example"), text("x")));
        }
        assertThat(ids).hasSize(50);
    }
}
