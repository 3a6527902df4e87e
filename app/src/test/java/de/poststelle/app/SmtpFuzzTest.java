package de.poststelle.app;

import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.queue.RecipientStatus;
import de.poststelle.smtp.server.SmtpServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault test: 10,000 malformed SMTP sessions and MIME messages from {@link MalformedSmtpInputs}
 * (fixed seed) over real SMTP, 32 sessions at a time. Every reply must be a well-formed SMTP reply
 * without internal details, no session may hit an internal error, every mail acknowledged with 250
 * must end delivered or bounced (never lost, never delivered twice), and the gateway must still
 * relay a valid mail afterwards. docs/reliability.md has the figures of a run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmtpFuzzTest {

    static final long SEED = 20261123L;
    static final int CASES = 10_000;
    static final int PARALLEL_SESSIONS = 32;
    private static final Pattern OUR_QUEUE_ID = Pattern.compile("by gw\\.test \\(Poststelle\\) with ESMTPS? id (\\w+)");

    static ScriptedSmtpServer sink;
    static ScriptedSmtpServer rejecting;

    static {
        try {
            sink = new ScriptedSmtpServer(attempt -> "250 2.1.5 ok");
            rejecting = new ScriptedSmtpServer(attempt -> "550 5.1.1 no such mailbox");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestGateway.fastEmbedded(registry);
        registry.add("poststelle.smtp.max-sessions-per-ip", () -> "200");
        TestGateway.servedDomain(registry, 0, "behoerde.example", "demo", sink::port, "127.0.0.1/32");
        TestGateway.route(registry, 0, "rejects.example", rejecting.port());
        // Everything else, however odd its domain, goes to the sink: the fuzzer never reaches DNS.
        TestGateway.route(registry, 1, "*", sink.port());
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    MailQueue queue;

    @Test
    void survivesTenThousandMalformedSessionsWithoutLosingOrDuplicatingMail() throws Exception {
        List<FuzzSession.Outcome> outcomes = playAll();

        List<String> badReplies = new ArrayList<>();
        for (FuzzSession.Outcome outcome : outcomes) {
            for (String line : outcome.replyLines()) {
                FuzzSession.invalidReply(line).ifPresent(why -> badReplies.add(describe(outcome) + ": " + why + ": " + line));
                if (line.startsWith("421 4.3.0") || line.startsWith("451 4.3.0")) {
                    badReplies.add(describe(outcome) + ": internal error: " + line);
                }
            }
            if (outcome.unterminatedLine()) {
                badReplies.add(describe(outcome) + ": last reply line not ended with CRLF");
            }
        }
        assertThat(badReplies).as("replies that are not clean SMTP").isEmpty();

        List<String> accepted = outcomes.stream().flatMap(o -> o.queueIds().stream()).toList();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> queue.counts().active() == 0);

        Map<String, Long> deliveriesById = sink.received().stream().map(OUR_QUEUE_ID::matcher).filter(Matcher::find)
                .collect(Collectors.groupingBy(m -> m.group(1), Collectors.counting()));
        int delivered = 0;
        int bounced = 0;
        List<String> problems = new ArrayList<>();
        for (String queueId : accepted) {
            MessageDetails details = queue.messageDetails(QueueScope.all(), queueId).orElse(null);
            if (details == null) {
                problems.add(queueId + " acknowledged but not in the queue");
                continue;
            }
            long deliveredRecipients = count(details, RecipientState.DELIVERED);
            long failedRecipients = count(details, RecipientState.FAILED);
            if (deliveredRecipients + failedRecipients != details.recipients().size()) {
                problems.add(queueId + " not finished: " + details.recipients());
            }
            long transactions = deliveriesById.getOrDefault(queueId, 0L);
            if (transactions > deliveredRecipients || (deliveredRecipients > 0 && transactions == 0)) {
                problems.add(queueId + " delivered " + transactions + " times for " + deliveredRecipients + " recipients");
            }
            delivered += deliveredRecipients > 0 ? 1 : 0;
            bounced += failedRecipients > 0 ? 1 : 0;
        }
        assertThat(problems).as("acknowledged mail lost, unfinished or duplicated").isEmpty();

        Map<String, Long> replyCodes = outcomes.stream().flatMap(o -> o.replyLines().stream())
                .filter(line -> line.length() > 3 && line.charAt(3) == ' ')
                .collect(Collectors.groupingBy(line -> line.substring(0, 3), TreeMap::new, Collectors.counting()));
        System.out.printf("fuzz: %d sessions (seed %d), replies by code %s, resets %d; 250-acknowledged mails %d: "
                        + "delivered %d, with bounced recipients %d; sink transactions %d%n", outcomes.size(), SEED,
                replyCodes, outcomes.stream().filter(FuzzSession.Outcome::reset).count(), accepted.size(), delivered,
                bounced, sink.received().size());
        assertThat(accepted.size()).as("the generator also produces mail the gateway accepts").isGreaterThan(CASES / 10);

        try (SmtpTestClient client = new SmtpTestClient(smtpServer.port())) {
            assertThat(client.sendMail("amt@behoerde.example", "buerger@extern.example",
                    "Subject: after the fuzzer\r\n\r\nNoch da.\r\n")).startsWith("250");
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sink.received().stream().anyMatch(m -> m.contains("Subject: after the fuzzer")));
    }

    private List<FuzzSession.Outcome> playAll() throws Exception {
        MalformedSmtpInputs inputs = new MalformedSmtpInputs(SEED);
        Semaphore sessions = new Semaphore(PARALLEL_SESSIONS);
        List<Future<FuzzSession.Outcome>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CASES; i++) {
                MalformedSmtpInputs.Case input = inputs.generate(i);
                sessions.acquire();
                futures.add(executor.submit(() -> {
                    try {
                        return FuzzSession.play(smtpServer.port(), input);
                    } finally {
                        sessions.release();
                    }
                }));
            }
        }
        List<FuzzSession.Outcome> outcomes = new ArrayList<>();
        for (Future<FuzzSession.Outcome> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    private static long count(MessageDetails details, RecipientState state) {
        return details.recipients().stream().map(RecipientStatus::state).filter(state::equals).count();
    }

    private static String describe(FuzzSession.Outcome outcome) {
        return "case " + outcome.input().index() + " (" + outcome.input().mutations() + ")";
    }
}
