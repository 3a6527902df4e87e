package de.poststelle.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.NextHop;
import de.poststelle.core.RecipientOutcome;
import de.poststelle.core.RecipientOutcome.Kind;
import de.poststelle.core.Route;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.TlsMode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpMailTransportTest {

    private static final Optional<MailAddress> SENDER = Optional.of(MailAddress.parse("sender@example.org"));
    private static final MailAddress ALICE = MailAddress.parse("alice@example.net");
    private static final MailAddress BOB = MailAddress.parse("bob@example.net");
    private static final MailAddress UNKNOWN = MailAddress.parse("unknown@example.net");
    private static final MailAddress FULL = MailAddress.parse("full@example.net");

    private ScriptedSmtpPeer peer;
    private SmtpMailTransport transport;

    @BeforeEach
    void startPeer() throws Exception {
        peer = new ScriptedSmtpPeer(TestTls.serverContext());
        peer.offerStartTls = false;
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        peer.close();
    }

    private SmtpMailTransport transport(int maxConnections, int maxMessagesPerConnection, MxResolver mx) {
        return transport(maxConnections, maxMessagesPerConnection, 100, mx);
    }

    private SmtpMailTransport transport(int maxConnections, int maxMessagesPerConnection,
                                        int maxRecipientsPerTransaction, MxResolver mx) {
        transport = new SmtpMailTransport(new SmtpDeliveryConfig("gateway.test", Duration.ofSeconds(10),
                Duration.ofSeconds(60), maxConnections, Duration.ofMinutes(1), maxMessagesPerConnection,
                maxRecipientsPerTransaction, peer.port()), mx);
        return transport;
    }

    private SmtpMailTransport transport() {
        return transport(2, 100, domain -> new MxLookup.NoSuchDomain());
    }

    private Route direct(TlsMode tls) {
        return new Route.Direct(NextHop.of("127.0.0.1", peer.port(), tls));
    }

    @Test
    void reportsEachRecipientWithTheDecidingReply() {
        peer.rcptReply = address -> switch (address) {
            case "unknown@example.net" -> "550 5.1.1 <unknown@example.net>: User unknown";
            case "full@example.net" -> "452 4.2.2 Mailbox full";
            default -> "250 2.1.5 Ok";
        };

        List<RecipientOutcome> outcomes = transport().deliver(direct(TlsMode.NONE), SENDER,
                List.of(ALICE, UNKNOWN, FULL, BOB), TestMessages.simple("outcomes"));

        assertThat(outcomes).extracting(RecipientOutcome::recipient).containsExactly(ALICE, UNKNOWN, FULL, BOB);
        assertThat(outcomes).extracting(RecipientOutcome::kind).containsExactly(
                Kind.DELIVERED, Kind.PERMANENT_FAILURE, Kind.TEMPORARY_FAILURE, Kind.DELIVERED);
        assertThat(outcomes.get(0).reply()).isEqualTo(new SmtpReply(250, "2.0.0", "Ok: queued"));
        assertThat(outcomes.get(1).reply()).isEqualTo(new SmtpReply(550, "5.1.1", "<unknown@example.net>: User unknown"));
        assertThat(outcomes.get(2).reply()).isEqualTo(new SmtpReply(452, "4.2.2", "Mailbox full"));
        assertThat(outcomes).extracting(RecipientOutcome::remoteHost).containsOnly("127.0.0.1");
        assertThat(peer.received).singleElement().satisfies(received -> assertThat(received.rcptTo())
                .containsExactly("<alice@example.net>", "<bob@example.net>"));
    }

    @Test
    void recipientsBeyondTheTransactionLimitGoInFurtherTransactionsOnOneConnection() {
        List<MailAddress> recipients = List.of(ALICE, BOB, UNKNOWN, FULL, MailAddress.parse("carol@example.net"));
        peer.rcptReply = address -> address.startsWith("unknown") ? "550 5.1.1 User unknown" : "250 Ok";

        List<RecipientOutcome> outcomes = transport(2, 100, 2, domain -> new MxLookup.NoSuchDomain())
                .deliver(direct(TlsMode.NONE), SENDER, recipients, TestMessages.simple("many recipients"));

        assertThat(outcomes).extracting(RecipientOutcome::recipient).containsExactlyElementsOf(recipients);
        assertThat(outcomes).extracting(RecipientOutcome::kind).containsExactly(
                Kind.DELIVERED, Kind.DELIVERED, Kind.PERMANENT_FAILURE, Kind.DELIVERED, Kind.DELIVERED);
        assertThat(peer.received).extracting(ScriptedSmtpPeer.Received::rcptTo).containsExactly(
                List.of("<alice@example.net>", "<bob@example.net>"), List.of("<full@example.net>"),
                List.of("<carol@example.net>"));
        assertThat(peer.connections).hasValue(1);
    }

    @Test
    void allRecipientsRefusedMeansNoData() {
        peer.rcptReply = address -> "550 5.7.1 Relaying denied";

        List<RecipientOutcome> outcomes = transport().deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE, BOB),
                TestMessages.simple("refused"));

        assertThat(outcomes).extracting(RecipientOutcome::kind).containsOnly(Kind.PERMANENT_FAILURE);
        assertThat(outcomes).extracting(RecipientOutcome::reply)
                .containsOnly(new SmtpReply(550, "5.7.1", "Relaying denied"));
        assertThat(peer.received).isEmpty();
    }

    @Test
    void permanentDataReplyAppliesToAcceptedRecipientsOnly() {
        peer.rcptReply = address -> address.startsWith("unknown") ? "550 5.1.1 User unknown" : "250 Ok";
        peer.dataReply = "554 5.6.0 Message content rejected";

        List<RecipientOutcome> outcomes = transport().deliver(direct(TlsMode.NONE), SENDER,
                List.of(ALICE, UNKNOWN), TestMessages.simple("data 5xx"));

        assertThat(outcomes.get(0)).returns(Kind.PERMANENT_FAILURE, RecipientOutcome::kind)
                .returns(new SmtpReply(554, "5.6.0", "Message content rejected"), RecipientOutcome::reply);
        assertThat(outcomes.get(1).reply()).isEqualTo(new SmtpReply(550, "5.1.1", "User unknown"));
    }

    @Test
    void temporaryDataReplyDefersAllRecipients() {
        peer.dataReply = "451 4.3.0 Try again later";

        List<RecipientOutcome> outcomes = transport().deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE, BOB),
                TestMessages.simple("data 4xx"));

        assertThat(outcomes).extracting(RecipientOutcome::kind).containsOnly(Kind.TEMPORARY_FAILURE);
        assertThat(outcomes).extracting(RecipientOutcome::reply)
                .containsOnly(new SmtpReply(451, "4.3.0", "Try again later"));
    }

    @Test
    void greeting421DefersAllRecipientsQuotingTheServer() {
        peer.greeting = "421 4.3.2 peer.test Service not available";

        List<RecipientOutcome> outcomes = transport().deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE, BOB),
                TestMessages.simple("421"));

        assertThat(outcomes).extracting(RecipientOutcome::kind).containsOnly(Kind.TEMPORARY_FAILURE);
        assertThat(outcomes).extracting(RecipientOutcome::reply)
                .containsOnly(new SmtpReply(421, "4.3.2", "peer.test Service not available"));
    }

    @Test
    void refusedConnectionDefersAllRecipients() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0)) {
            closedPort = unused.getLocalPort();
        }
        Route nowhere = new Route.Direct(NextHop.of("127.0.0.1", closedPort, TlsMode.NONE));

        List<RecipientOutcome> outcomes = transport().deliver(nowhere, SENDER, List.of(ALICE),
                TestMessages.simple("refused"));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(Kind.TEMPORARY_FAILURE);
            assertThat(outcome.reply().enhancedStatus()).isEqualTo("4.4.1");
            assertThat(outcome.reply().text()).contains("Connection refused");
            assertThat(outcome.remoteHost()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void requiredTlsFailsTemporarilyWhenStartTlsIsNotOffered() {
        List<RecipientOutcome> outcomes = transport().deliver(direct(TlsMode.REQUIRED), SENDER, List.of(ALICE),
                TestMessages.simple("no tls"));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.kind()).isEqualTo(Kind.TEMPORARY_FAILURE);
            assertThat(outcome.reply().enhancedStatus()).isEqualTo("4.7.5");
        });
        assertThat(peer.commands).noneMatch(command -> command.startsWith("MAIL"));
    }

    @Test
    void requiredTlsUsesStartTlsAndPresentsTheClientCertificate(@TempDir Path directory) throws Exception {
        peer.offerStartTls = true;
        Route route = new Route.Direct(new NextHop("127.0.0.1", peer.port(), TlsMode.REQUIRED,
                Optional.of(TestTls.clientCertificate(directory))));

        List<RecipientOutcome> outcomes = transport().deliver(route, SENDER, List.of(ALICE),
                TestMessages.simple("tls"));

        assertThat(outcomes).extracting(RecipientOutcome::kind).containsExactly(Kind.DELIVERED);
        assertThat(peer.received).singleElement().satisfies(received -> {
            assertThat(received.tlsProtocol()).startsWith("TLSv1.");
            assertThat(received.clientCertificatePresented()).isTrue();
        });
    }

    @Test
    void opportunisticTlsEncryptsWhenOfferedAndSendsPlainOtherwise() {
        SmtpMailTransport transport = transport(2, 1, domain -> new MxLookup.NoSuchDomain());
        peer.offerStartTls = true;
        transport.deliver(direct(TlsMode.OPPORTUNISTIC), SENDER, List.of(ALICE), TestMessages.simple("offered"));
        peer.offerStartTls = false;
        transport.deliver(direct(TlsMode.OPPORTUNISTIC), SENDER, List.of(ALICE), TestMessages.simple("plain"));

        assertThat(peer.received).extracting(ScriptedSmtpPeer.Received::tlsProtocol)
                .satisfiesExactly(protocol -> assertThat(protocol).startsWith("TLSv1."),
                        protocol -> assertThat(protocol).isNull());
    }

    @Test
    void nullSenderAndSizeGoIntoMailFrom() {
        MessageSource message = TestMessages.simple("bounce");

        transport().deliver(direct(TlsMode.NONE), Optional.empty(), List.of(ALICE), message);

        assertThat(peer.received).singleElement().extracting(ScriptedSmtpPeer.Received::mailFrom)
                .isEqualTo("<> SIZE=" + message.size() + " BODY=8BITMIME");
    }

    @Test
    void sendsTheStoredBytesUnchanged() {
        byte[] original = ("Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                + "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\n"
                + "To:   alice@example.net  \r\n"
                + "Subject: folded\r\n\theader with  odd   spacing\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Grüße aus Dresden\r\n"
                + ".leading dot\r\n"
                + "..two dots\r\n"
                + "trailing spaces   \r\n").getBytes(StandardCharsets.UTF_8);

        transport().deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE), TestMessages.of(original));

        assertThat(peer.received).singleElement().extracting(ScriptedSmtpPeer.Received::content)
                .isEqualTo(original);
    }

    @Test
    void reusesTheConnectionForTheNextMessage() {
        SmtpMailTransport transport = transport();

        transport.deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE), TestMessages.simple("first"));
        transport.deliver(direct(TlsMode.NONE), SENDER, List.of(BOB), TestMessages.simple("second"));

        assertThat(peer.connections).hasValue(1);
        assertThat(peer.received).hasSize(2);
        assertThat(peer.commands).contains("RSET");
    }

    @Test
    void opensANewConnectionAfterMaxMessagesPerConnection() {
        SmtpMailTransport transport = transport(2, 1, domain -> new MxLookup.NoSuchDomain());

        transport.deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE), TestMessages.simple("first"));
        transport.deliver(direct(TlsMode.NONE), SENDER, List.of(BOB), TestMessages.simple("second"));

        assertThat(peer.connections).hasValue(2);
    }

    @Test
    void replacesAPooledConnectionTheServerHasClosed() throws Exception {
        SmtpMailTransport transport = transport();
        transport.deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE), TestMessages.simple("first"));
        peer.dropConnections();

        List<RecipientOutcome> outcomes = transport.deliver(direct(TlsMode.NONE), SENDER, List.of(BOB),
                TestMessages.simple("second"));

        assertThat(outcomes).extracting(RecipientOutcome::kind).containsExactly(Kind.DELIVERED);
        assertThat(peer.connections).hasValue(2);
    }

    @Test
    void keepsToTheConnectionLimitPerDestination() throws Exception {
        SmtpMailTransport transport = transport(2, 100, domain -> new MxLookup.NoSuchDomain());
        peer.dataGate = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        List<RecipientOutcome> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            MessageSource message = TestMessages.simple("parallel " + i);
            senders.add(Thread.ofVirtual().start(() -> outcomes.addAll(
                    transport.deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE), message))));
        }

        awaitCondition(() -> peer.waitingAtDataGate.get() == 2);
        assertThat(peer.openConnections).hasValue(2);
        peer.dataGate.countDown();
        for (Thread sender : senders) {
            sender.join();
        }

        assertThat(outcomes).hasSize(6).extracting(RecipientOutcome::kind).containsOnly(Kind.DELIVERED);
        assertThat(peer.maxOpenConnections).hasValue(2);
        assertThat(peer.connections).hasValue(2);
    }

    @Test
    void triesTheNextMxHostWhenOneCannotBeReached() {
        // Nothing listens on 127.0.0.2; the peer is bound to 127.0.0.1 only.
        SmtpMailTransport transport = transport(2, 100,
                domain -> new MxLookup.Hosts(List.of("127.0.0.2", "127.0.0.1")));

        List<RecipientOutcome> outcomes = transport.deliver(new Route.Mx("example.net", TlsMode.OPPORTUNISTIC),
                SENDER, List.of(ALICE), TestMessages.simple("mx"));

        assertThat(outcomes).singleElement()
                .returns(Kind.DELIVERED, RecipientOutcome::kind)
                .returns("127.0.0.1", RecipientOutcome::remoteHost);
    }

    @Test
    void mapsDnsAnswersWithoutUsableHostsToFailures() {
        Map<String, MxLookup> dns = Map.of(
                "nullmx.example", new MxLookup.NullMx(),
                "nxdomain.example", new MxLookup.NoSuchDomain(),
                "servfail.example", new MxLookup.TemporaryFailure("SERVFAIL"));
        SmtpMailTransport transport = transport(2, 100, dns::get);

        assertThat(replyFor(transport, "nullmx.example"))
                .returns(Kind.PERMANENT_FAILURE, RecipientOutcome::kind)
                .extracting(o -> o.reply().code() + " " + o.reply().enhancedStatus()).isEqualTo("556 5.1.10");
        assertThat(replyFor(transport, "nxdomain.example"))
                .returns(Kind.PERMANENT_FAILURE, RecipientOutcome::kind)
                .extracting(o -> o.reply().code() + " " + o.reply().enhancedStatus()).isEqualTo("550 5.1.2");
        assertThat(replyFor(transport, "servfail.example"))
                .returns(Kind.TEMPORARY_FAILURE, RecipientOutcome::kind)
                .extracting(o -> o.reply().text()).asString().contains("SERVFAIL");
        assertThat(peer.connections).hasValue(0);
    }

    private static RecipientOutcome replyFor(SmtpMailTransport transport, String domain) {
        MailAddress recipient = new MailAddress("someone", domain);
        return transport.deliver(new Route.Mx(domain, TlsMode.OPPORTUNISTIC), SENDER, List.of(recipient),
                TestMessages.simple(domain)).getFirst();
    }

    @Test
    void streamsAMessageLargerThanTheHeap() throws Exception {
        // Surefire runs with -Xmx96m (smtp/pom.xml): a 100 MB message cannot be buffered in memory.
        MessageSource large = TestMessages.generated(100L * 1024 * 1024 / 78);
        peer.keepContent = false;

        List<RecipientOutcome> outcomes = transport().deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE), large);

        assertThat(outcomes).extracting(RecipientOutcome::kind).containsExactly(Kind.DELIVERED);
        assertThat(peer.received).singleElement().satisfies(received -> {
            assertThat(received.size()).isEqualTo(large.size());
            assertThat(received.sha256()).isEqualTo(TestMessages.sha256(large));
        });
    }

    @Test
    void failsTemporarilyAfterClose() {
        SmtpMailTransport transport = transport();
        transport.close();

        assertThat(transport.deliver(direct(TlsMode.NONE), SENDER, List.of(ALICE), TestMessages.simple("late")))
                .extracting(RecipientOutcome::kind).containsExactly(Kind.TEMPORARY_FAILURE);
    }

    /** Waits for a state the test cannot be notified of; the bound only guards against hanging forever. */
    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            Thread.sleep(10);
        }
    }
}
