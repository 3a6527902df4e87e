package de.poststelle.store;

import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.DeliveryJob;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.MessageInUseException;
import de.poststelle.core.queue.MessageSummary;
import de.poststelle.core.queue.PipelineRunner;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.ProcessingResult;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.core.queue.QueueState;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.queue.RecipientStatus;
import de.poststelle.core.queue.RecipientUpdate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The administrator's view of the queue in {@link JdbcMailQueue}, on H2 and PostgreSQL. */
class JdbcQueueAdministrationTest extends QueueTestSupport {

    private static final String NODE = "node-1";
    private static final String CONTENT = "Subject: Antrag\r\n\r\nbody\r\n";
    private static final Instant LATER = T0.plus(Duration.ofHours(1));
    private static final QueueScope ALL = QueueScope.all();
    private static final QueueSearch EVERYTHING = QueueSearch.everything();

    private String store(String sender, String... recipients) throws Exception {
        return queue.enqueue(envelope(sender, recipients),
                new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8)));
    }

    /** Claims {@code queueId} for the pipeline; whatever else was claimed on the way is freed again. */
    private ProcessingJob claimForPipeline(String queueId) {
        return queue.claimForProcessing(NODE, T0, LEASE, 100).stream()
                .filter(job -> job.queueId().equals(queueId)).findFirst().orElseThrow();
    }

    private void route(String queueId) {
        queue.completeProcessing(claimForPipeline(queueId),
                new ProcessingResult(List.of(), Optional.empty(), Map.of(), true), T0);
        queue.releaseLeases(NODE);
    }

    /** A new mail that a pipeline stage deferred until {@link #LATER}. */
    private String deferredInPipeline() throws Exception {
        String queueId = store("a@amt-a.example", "x@extern.example");
        queue.deferProcessing(claimForPipeline(queueId), LATER, "scanner unreachable");
        queue.releaseLeases(NODE);
        return queueId;
    }

    private void quarantine(String queueId) throws IOException {
        ProcessingJob job = claimForPipeline(queueId);
        String reason = "virus found: Win.Test.EICAR_HDB-1";
        queue.quarantine(job, new ProcessingResult(List.of(), Optional.empty(), job.envelope().recipients().stream()
                        .collect(Collectors.toMap(Function.identity(), r -> PipelineRunner.quarantineReply(reason))),
                true), reason, Optional.empty(), T0);
        queue.releaseLeases(NODE);
    }

    /**
     * One delivery attempt at {@link #T0} for the listed recipients of a routed mail: DEFERRED
     * retries at {@link #LATER}, FAILED is bounced. The other recipients stay as they were.
     */
    private void attempt(String queueId, Map<String, RecipientState> outcomes) {
        for (DeliveryJob job : queue.claimDeliveries(NODE, T0, LEASE, 100)) {
            if (!job.queueId().equals(queueId)) {
                continue;
            }
            List<RecipientUpdate> updates = job.recipients().stream()
                    .filter(r -> outcomes.containsKey(r.address().toString()))
                    .map(r -> switch (outcomes.get(r.address().toString())) {
                        case DELIVERED -> new RecipientUpdate(r.id(), RecipientState.DELIVERED, Optional.empty(),
                                "250 2.0.0 ok", "mx." + r.address().domain(), false);
                        case DEFERRED -> new RecipientUpdate(r.id(), RecipientState.DEFERRED, Optional.of(LATER),
                                "451 4.4.1 try later", "mx." + r.address().domain(), false);
                        case FAILED -> new RecipientUpdate(r.id(), RecipientState.FAILED, Optional.empty(),
                                "550 5.1.1 no such user", "mx." + r.address().domain(), true);
                        default -> throw new IllegalArgumentException("not an outcome");
                    }).toList();
            queue.recordOutcomes(job, updates, T0);
        }
        queue.releaseLeases(NODE);
    }

    private List<String> found(QueueScope scope, QueueSearch search) {
        return queue.searchMessages(scope, search, 100, 0).stream().map(MessageSummary::queueId).toList();
    }

    private MessageSummary summary(String queueId) {
        return queue.searchMessages(ALL, EVERYTHING.withQueueId(queueId), 1, 0).getFirst();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachStateIsShownAndFoundByItsFilter(TestDatabase database) throws Exception {
        open(database);
        String deferredInPipeline = deferredInPipeline();
        String waitingForDelivery = store("a@amt-a.example", "x@extern.example");
        route(waitingForDelivery);
        String deferred = store("a@amt-a.example", "x@extern.example", "y@extern.example");
        route(deferred);
        attempt(deferred, Map.of("x@extern.example", RecipientState.DELIVERED, "y@extern.example", RecipientState.DEFERRED));
        String bouncePending = store("a@amt-a.example", "x@extern.example");
        route(bouncePending);
        attempt(bouncePending, Map.of("x@extern.example", RecipientState.FAILED));
        String quarantined = store("a@amt-a.example", "x@extern.example");
        quarantine(quarantined);
        String done = store("a@amt-a.example", "x@extern.example");
        route(done);
        attempt(done, Map.of("x@extern.example", RecipientState.DELIVERED));
        String waitingForPipeline = store("a@amt-a.example", "x@extern.example");

        assertThat(found(ALL, EVERYTHING.withStates(QueueState.WAITING_FOR_PIPELINE))).containsExactly(waitingForPipeline);
        assertThat(found(ALL, EVERYTHING.withStates(QueueState.DEFERRED))).containsExactly(deferred, deferredInPipeline);
        assertThat(found(ALL, EVERYTHING.withStates(QueueState.WAITING_FOR_DELIVERY))).containsExactly(waitingForDelivery);
        assertThat(found(ALL, EVERYTHING.withStates(QueueState.BOUNCE_PENDING))).containsExactly(bouncePending);
        assertThat(found(ALL, EVERYTHING.withStates(QueueState.QUARANTINED))).containsExactly(quarantined);
        assertThat(found(ALL, EVERYTHING.withStates(QueueState.DONE))).containsExactly(done);
        assertThat(found(ALL, EVERYTHING.withStates(QueueState.QUARANTINED, QueueState.DONE)))
                .containsExactly(done, quarantined);
        assertThat(found(ALL, EVERYTHING)).as("no state filter: every state").hasSize(7);

        assertThat(summary(deferred)).satisfies(s -> {
            assertThat(s.state()).isEqualTo(QueueState.DEFERRED);
            assertThat(s.sender()).isEqualTo("a@amt-a.example");
            assertThat(s.recipientCount()).isEqualTo(2);
            assertThat(s.size()).isEqualTo(CONTENT.length());
            assertThat(s.receivedAt()).isEqualTo(T0);
            assertThat(s.nextAttempt()).contains(LATER);
            assertThat(s.lastError()).contains("451 4.4.1 try later");
        });
        assertThat(summary(deferredInPipeline)).satisfies(s -> {
            assertThat(s.nextAttempt()).contains(LATER);
            assertThat(s.lastError()).contains("scanner unreachable");
        });
        assertThat(summary(waitingForDelivery).nextAttempt()).as("due now").contains(T0);
        assertThat(summary(bouncePending)).satisfies(s -> {
            assertThat(s.nextAttempt()).isEmpty();
            assertThat(s.lastError()).contains("550 5.1.1 no such user");
        });
        assertThat(summary(quarantined).lastError()).hasValueSatisfying(e -> assertThat(e).contains("EICAR"));
        assertThat(summary(done)).satisfies(s -> {
            assertThat(s.nextAttempt()).isEmpty();
            assertThat(s.lastError()).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void searchBySenderAndRecipientIgnoresCaseAndQueueIdMustMatchExactly(TestDatabase database) throws Exception {
        open(database);
        String fromAmt = store("Poststelle@amt-a.example", "buerger@extern.example");
        String toKasse = store("info@amt-b.example", "x@other.example", "Kasse@Extern.example");
        String bounce = store("", "poststelle@amt-a.example");

        assertThat(found(ALL, EVERYTHING.withSender("POSTSTELLE"))).containsExactly(fromAmt);
        assertThat(found(ALL, EVERYTHING.withRecipient("kasse@EXTERN"))).containsExactly(toKasse);
        assertThat(found(ALL, EVERYTHING.withRecipient("poststelle"))).containsExactly(bounce);
        assertThat(found(ALL, EVERYTHING.withRecipient("extern.example"))).containsExactly(toKasse, fromAmt);
        assertThat(found(ALL, EVERYTHING.withSender("amt").withRecipient("other"))).containsExactly(toKasse);
        assertThat(found(ALL, EVERYTHING.withQueueId(toKasse))).containsExactly(toKasse);
        assertThat(found(ALL, EVERYTHING.withQueueId(toKasse.substring(0, 10)))).as("no prefix match").isEmpty();
        assertThat(found(ALL, EVERYTHING.withSender("%"))).as("LIKE wildcards are plain text").isEmpty();
        assertThat(found(ALL, EVERYTHING.withRecipient("_"))).isEmpty();
        assertThat(found(ALL, EVERYTHING.withSender("  ").withRecipient(""))).as("blank is no filter").hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pagesAreNewestFirstByArrival(TestDatabase database) throws Exception {
        open(database);
        Map<Integer, String> bySecond = new java.util.HashMap<>();
        for (int second : List.of(2, 0, 4, 1, 3)) {
            JdbcMailQueue arrivingThen = new JdbcMailQueue(dataSource, Clock.fixed(T0.plusSeconds(second), ZoneOffset.UTC));
            bySecond.put(second, arrivingThen.enqueue(envelope("a@amt-a.example", "x@extern.example"),
                    new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8))));
        }

        assertThat(page(2, 0)).containsExactly(bySecond.get(4), bySecond.get(3));
        assertThat(page(2, 2)).containsExactly(bySecond.get(2), bySecond.get(1));
        assertThat(page(2, 4)).containsExactly(bySecond.get(0));
        assertThat(page(2, 6)).isEmpty();
        assertThat(queue.searchMessages(ALL, EVERYTHING, 1, 0).getFirst().receivedAt()).isEqualTo(T0.plusSeconds(4));
    }

    private List<String> page(int limit, int offset) {
        return queue.searchMessages(ALL, EVERYTHING, limit, offset).stream().map(MessageSummary::queueId).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTenantSeesAndTouchesOnlyMailFromOrToItsDomains(TestDatabase database) throws Exception {
        open(database);
        String fromA = store("poststelle@amt-a.example", "x@extern.example");
        String toB = store("x@extern.example", "leitung@amt-b.example");
        String toBoth = store("x@extern.example", "y@amt-a.example", "z@amt-b.example");
        store("p@sub.amt-a.example", "x@extern.example");
        store("p@xamt-a.example", "q@amt-a.example.evil.example");
        route(toB);
        attempt(toB, Map.of("leitung@amt-b.example", RecipientState.DEFERRED));
        QueueScope tenantA = QueueScope.onlyDomains(List.of("AMT-A.example"));
        QueueScope tenantB = QueueScope.onlyDomains(List.of("amt-b.example", "amt-b2.example"));

        assertThat(found(tenantA, EVERYTHING)).as("exact domains only").containsExactly(toBoth, fromA);
        assertThat(found(tenantB, EVERYTHING)).containsExactly(toBoth, toB);
        assertThat(found(QueueScope.onlyDomains(List.of()), EVERYTHING)).as("no domains: nothing").isEmpty();
        assertThat(found(ALL, EVERYTHING)).hasSize(5);
        assertThat(found(tenantA, EVERYTHING.withQueueId(toB))).isEmpty();

        assertThat(queue.messageDetails(tenantA, toB)).isEmpty();
        assertThat(queue.messageDetails(tenantA, fromA)).isPresent();
        assertThat(queue.messageDetails(tenantB, toBoth)).isPresent();

        assertThat(queue.retryNow(tenantA, toB, T0)).isFalse();
        assertThat(queue.claimDeliveries(NODE, T0, LEASE, 10)).as("still deferred").isEmpty();
        assertThat(queue.deleteMessage(tenantA, toB, T0)).isFalse();
        assertThat(queue.messageDetails(ALL, toB)).as("still there").isPresent();

        assertThat(queue.retryNow(tenantB, toB, T0)).isTrue();
        assertThat(queue.deleteMessage(tenantB, toB, T0)).isTrue();
        assertThat(queue.messageDetails(ALL, toB)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void detailsShowTheClientAndEachRecipientsState(TestDatabase database) throws Exception {
        open(database);
        String queueId = store("a@amt-a.example", "d@extern.example", "f@extern.example", "w@other.example",
                "q@third.example");

        MessageDetails received = queue.messageDetails(ALL, queueId).orElseThrow();
        assertThat(received.summary().state()).isEqualTo(QueueState.WAITING_FOR_PIPELINE);
        assertThat(received.client().address().getHostAddress()).isEqualTo("192.0.2.7");
        assertThat(received.client().heloName()).isEqualTo("mx.example");
        assertThat(received.client().tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(received.pipelineAttempts()).isZero();
        assertThat(received.recipients()).extracting(RecipientStatus::state).containsOnly(RecipientState.PENDING);

        route(queueId);
        attempt(queueId, Map.of("d@extern.example", RecipientState.DELIVERED, "f@extern.example", RecipientState.FAILED,
                "w@other.example", RecipientState.DEFERRED));
        MessageDetails details = queue.messageDetails(ALL, queueId).orElseThrow();

        assertThat(details.summary().state()).isEqualTo(QueueState.DEFERRED);
        assertThat(details.summary().recipientCount()).isEqualTo(4);
        assertThat(details.recipients()).extracting(RecipientStatus::address)
                .as("envelope order").containsExactly("d@extern.example", "f@extern.example", "w@other.example",
                        "q@third.example");
        RecipientStatus delivered = details.recipients().get(0);
        assertThat(delivered.state()).isEqualTo(RecipientState.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.nextAttempt()).isEmpty();
        assertThat(delivered.lastReply()).contains("250 2.0.0 ok");
        assertThat(delivered.remoteHost()).contains("mx.extern.example");
        RecipientStatus failed = details.recipients().get(1);
        assertThat(failed.state()).isEqualTo(RecipientState.FAILED);
        assertThat(failed.lastReply()).contains("550 5.1.1 no such user");
        assertThat(failed.bounce()).isEqualTo(RecipientStatus.Bounce.PENDING);
        RecipientStatus deferred = details.recipients().get(2);
        assertThat(deferred.state()).isEqualTo(RecipientState.DEFERRED);
        assertThat(deferred.nextAttempt()).contains(LATER);
        assertThat(deferred.lastReply()).contains("451 4.4.1 try later");
        assertThat(deferred.bounce()).isEqualTo(RecipientStatus.Bounce.NONE);
        RecipientStatus pending = details.recipients().get(3);
        assertThat(pending.state()).isEqualTo(RecipientState.QUEUED);
        assertThat(pending.attempts()).isZero();
        assertThat(pending.nextAttempt()).contains(T0);
        assertThat(pending.lastReply()).isEmpty();

        assertThat(queue.messageDetails(ALL, "nosuchqueueid")).isEmpty();
        assertThat(queue.messageDetails(ALL, "")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void retryNowMakesADeferredRecipientClaimableAtOnce(TestDatabase database) throws Exception {
        open(database);
        String queueId = store("a@amt-a.example", "x@extern.example", "y@extern.example");
        route(queueId);
        attempt(queueId, Map.of("x@extern.example", RecipientState.DEFERRED, "y@extern.example", RecipientState.DELIVERED));
        Instant now = T0.plusSeconds(60);
        assertThat(queue.claimDeliveries(NODE, now, LEASE, 10)).as("not due before").isEmpty();

        assertThat(queue.retryNow(ALL, queueId, now)).isTrue();

        assertThat(summary(queueId).nextAttempt()).contains(now);
        assertThat(queue.claimDeliveries(NODE, now, LEASE, 10)).singleElement()
                .satisfies(job -> assertThat(job.recipients()).extracting(r -> r.address().toString())
                        .containsExactly("x@extern.example"));
        assertThat(queue.retryNow(ALL, queueId, now)).as("leased and due: nothing to change").isFalse();
        assertThat(queue.retryNow(ALL, "nosuchqueueid", now)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void retryNowMakesMailDeferredInThePipelineDue(TestDatabase database) throws Exception {
        open(database);
        String queueId = deferredInPipeline();
        assertThat(queue.claimForProcessing(NODE, T0, LEASE, 10)).isEmpty();

        assertThat(queue.retryNow(ALL, queueId, T0)).isTrue();

        assertThat(queue.claimForProcessing(NODE, T0, LEASE, 10)).singleElement()
                .satisfies(job -> assertThat(job.queueId()).isEqualTo(queueId));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteRemovesTheMailWithItsContentButNotWhileANodeWorksOnIt(TestDatabase database) throws Exception {
        open(database);
        String kept = store("a@amt-a.example", "k@extern.example");
        String queueId = store("a@amt-a.example", "x@extern.example", "y@other.example");
        route(queueId);
        queue.claimDeliveries(NODE, T0, LEASE, 10);
        long messageId = sql("SELECT id FROM queued_message WHERE queue_id = '" + queueId + "'");
        long keptId = sql("SELECT id FROM queued_message WHERE queue_id = '" + kept + "'");
        assertThat(sql("SELECT COUNT(*) FROM message_chunk WHERE message_id = " + messageId)).isEqualTo(1);

        assertThatThrownBy(() -> queue.deleteMessage(ALL, queueId, T0))
                .isInstanceOf(MessageInUseException.class).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(queueId).hasMessageContaining(NODE);
        assertThat(queue.messageDetails(ALL, queueId)).isPresent();

        Instant afterLease = T0.plus(LEASE).plusSeconds(1);
        assertThat(queue.deleteMessage(ALL, queueId, afterLease)).isTrue();

        assertThat(queue.messageDetails(ALL, queueId)).isEmpty();
        assertThat(found(ALL, EVERYTHING)).containsExactly(kept);
        assertThat(sql("SELECT COUNT(*) FROM message_chunk WHERE message_id = " + messageId)).isZero();
        assertThat(sql("SELECT COUNT(*) FROM queued_recipient WHERE message_id = " + messageId)).isZero();
        assertThat(sql("SELECT COUNT(*) FROM message_chunk WHERE message_id = " + keptId))
                .as("other mail untouched").isEqualTo(1);
        assertThat(queue.claimDeliveries("node-2", afterLease, LEASE, 10)).isEmpty();
        assertThat(queue.deleteMessage(ALL, queueId, afterLease)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deletingAQuarantinedMailRemovesItFromTheQuarantine(TestDatabase database) throws Exception {
        open(database);
        String queueId = store("a@amt-a.example", "x@extern.example");
        quarantine(queueId);

        assertThat(queue.deleteMessage(ALL, queueId, T0)).isTrue();

        assertThat(queue.listQuarantine(10)).isEmpty();
        assertThat(queue.quarantinedContent(queueId)).isEmpty();
        assertThat(queue.counts().bouncesDue()).as("deleting tells nobody").isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badPagingIsRefusedWithAClearMessage(TestDatabase database) throws Exception {
        open(database);
        assertThatThrownBy(() -> queue.searchMessages(ALL, EVERYTHING, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be between 1 and 1000, was -1");
        assertThatThrownBy(() -> queue.searchMessages(ALL, EVERYTHING, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> queue.searchMessages(ALL, EVERYTHING, 1001, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be between 1 and 1000, was 1001");
        assertThatThrownBy(() -> queue.searchMessages(ALL, EVERYTHING, 10, -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("offset must not be negative, was -5");
        assertThatThrownBy(() -> QueueScope.onlyDomains(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a scope domain must not be blank");
    }

    /** A number straight from the database, to see what the queue's API does not show. */
    private long sql(String query) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
