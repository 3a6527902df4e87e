package de.poststelle.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.QueueScope;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.queue.RecipientStatus;
import de.poststelle.smtp.server.SmtpServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault tests on the SMTP edges: the next hop down for a while, and slow-loris clients. The
 * gateway runs with short timeouts (3 s per command line, 5 s per DATA) and 10 sessions per client
 * address; the slow clients connect from other loopback addresses (127.0.0.2, 127.0.0.3) than
 * the well-behaved one (127.0.0.1).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmtpFaultsTest {

    static final int SESSIONS_PER_IP = 10;
    static final GreenMail sink = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
    /** Nothing listens here until the outage test brings the next hop of outage.example up. */
    static int outagePort;

    static {
        sink.start();
        try {
            outagePort = GatewayProcess.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestGateway.fastEmbedded(registry);
        registry.add("poststelle.smtp.idle-timeout", () -> "3s");
        registry.add("poststelle.smtp.data-timeout", () -> "5s");
        registry.add("poststelle.smtp.max-sessions-per-ip", () -> String.valueOf(SESSIONS_PER_IP));
        TestGateway.servedDomain(registry, 0, "behoerde.example", "demo", () -> sink.getSmtp().getPort(), "127.0.0.0/8");
        TestGateway.route(registry, 0, "outage.example", outagePort);
        TestGateway.route(registry, 1, "extern.example", sink.getSmtp().getPort());
    }

    @Autowired
    SmtpServer smtpServer;
    @Autowired
    MailQueue queue;

    @Test
    void mailAcceptedWhileTheNextHopIsDownIsDeliveredOnceWhenItIsBack() throws Exception {
        int mails = 40;
        List<String> queueIds = new ArrayList<>();
        try (SmtpTestClient client = new SmtpTestClient(smtpServer.port())) {
            for (int i = 0; i < mails; i++) {
                String reply = client.sendMail("amt@behoerde.example", "buerger" + i + "@outage.example",
                        "Subject: outage " + i + "\r\n\r\nWarte auf den Server.\r\n");
                assertThat(reply).startsWith("250");
                queueIds.add(reply.substring(reply.lastIndexOf(' ') + 1));
            }
        }
        // Down: every mail is deferred, and retried with backoff while the next hop stays down.
        await().atMost(Duration.ofMinutes(2)).until(() -> queueIds.stream().map(this::onlyRecipient)
                .allMatch(r -> r.state() == RecipientState.DEFERRED && r.attempts() >= 2 && r.nextAttempt().isPresent()));

        GreenMail backAgain = new GreenMail(new ServerSetup(outagePort, "127.0.0.1", "smtp"));
        backAgain.start();
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> queueIds.stream().map(this::onlyRecipient)
                    .allMatch(r -> r.state() == RecipientState.DELIVERED));
            Map<String, Long> copies = Arrays.stream(backAgain.getReceivedMessages()).map(SmtpFaultsTest::subject)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies).hasSize(mails).allSatisfy((subject, count) -> assertThat(count).as(subject).isEqualTo(1));
        } finally {
            backAgain.stop();
        }
    }

    @Test
    void slowLorisClientsAreCutOffWhileAWellBehavedClientIsServed() throws Exception {
        InetAddress lorisAddress = InetAddress.getByName("127.0.0.2");
        InetAddress dataLorisAddress = InetAddress.getByName("127.0.0.3");
        List<Future<SlowClient.Result>> trickling = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3 * SESSIONS_PER_IP; i++) {
                trickling.add(executor.submit(() -> SlowClient.trickleCommand(lorisAddress, smtpServer.port())));
            }
            List<Future<SlowClient.Result>> tricklingData = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tricklingData.add(executor.submit(() -> SlowClient.trickleData(dataLorisAddress, smtpServer.port())));
            }

            try (SmtpTestClient client = new SmtpTestClient(smtpServer.port())) {
                assertThat(client.sendMail("amt@behoerde.example", "buerger@extern.example",
                        "Subject: served despite slow loris\r\n\r\nHallo\r\n")).startsWith("250");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(sink.getReceivedMessages())
                    .anyMatch(m -> "served despite slow loris".equals(subject(m))));

            List<SlowClient.Result> results = new ArrayList<>();
            for (Future<SlowClient.Result> result : trickling) {
                results.add(result.get());
            }
            assertThat(results).filteredOn(r -> r.greeting().startsWith("220")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.lastReply()).isEqualTo("421 4.4.2 Timeout"));
            assertThat(results).as("more than %d at once from one address are refused", SESSIONS_PER_IP)
                    .filteredOn(r -> !r.greeting().startsWith("220")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.greeting()).isEqualTo("421 4.7.0 Too many connections from your host"));
            for (Future<SlowClient.Result> result : tricklingData) {
                assertThat(result.get().lastReply()).isEqualTo("421 4.4.2 Timeout");
            }
        }
        assertThat(sink.getReceivedMessages()).noneMatch(m -> "trickled".equals(subject(m)));
    }

    private RecipientStatus onlyRecipient(String queueId) {
        MessageDetails details = queue.messageDetails(QueueScope.all(), queueId).orElseThrow();
        return details.recipients().getFirst();
    }

    private static String subject(MimeMessage message) {
        return GatewaySpineTest.subjectOf(message);
    }

    /** A client that sends a byte a second from {@code from}, never finishing what it sends. */
    private static final class SlowClient {

        record Result(String greeting, String lastReply) {
        }

        /** Trickles "EHLO …" without ever ending the line. */
        static Result trickleCommand(InetAddress from, int port) throws IOException {
            return trickle(from, port, "", "EHLO trickle.example");
        }

        /** A valid envelope, then a message whose bytes come one a second and never end. */
        static Result trickleData(InetAddress from, int port) throws IOException {
            return trickle(from, port, "EHLO slow.example\r\nMAIL FROM:<amt@behoerde.example>\r\n"
                    + "RCPT TO:<buerger@extern.example>\r\nDATA\r\n", "Subject: trickled\r\n\r\n" + "x".repeat(1000));
        }

        private static Result trickle(InetAddress from, int port, String prelude, String trickled) throws IOException {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, from, 0)) {
                socket.setSoTimeout(120_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String greeting = in.readLine();
                if (!greeting.startsWith("220")) {
                    return new Result(greeting, greeting);
                }
                OutputStream out = socket.getOutputStream();
                out.write(prelude.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        for (byte b : trickled.getBytes(StandardCharsets.US_ASCII)) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(1000);
                        }
                    } catch (IOException | InterruptedException closedByServer) {
                        // the server gave up on us
                    }
                });
                String last = greeting;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    last = line;
                }
                writer.interrupt();
                return new Result(greeting, last);
            }
        }
    }
}
