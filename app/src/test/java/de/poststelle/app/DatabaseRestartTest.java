package de.poststelle.app;

import de.poststelle.smtp.server.SmtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault test: PostgreSQL is restarted while clients send mail. The test runs a PostgreSQL of its
 * own ({@link ThrowawayPostgres}), stops it (fast shutdown, sessions terminated) under load, and
 * starts it again. What could not be stored must get a 4xx, never a 250; the gateway must recover
 * without a restart of its own; every mail acknowledged with 250 must be delivered.
 */
@EnabledIf(value = "de.poststelle.app.ThrowawayPostgres#installedOrCi",
        disabledReason = "PostgreSQL server binaries not installed (apt-get install postgresql)")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseRestartTest {

    private static final int CLIENTS = 4;
    private static final Pattern SUBJECT = Pattern.compile("Subject: (db-\\d+-\\d+)");
    static ThrowawayPostgres postgres;
    static ScriptedSmtpServer sink;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        postgres = ThrowawayPostgres.start();
        sink = new ScriptedSmtpServer(attempt -> "250 2.1.5 ok");
        TestGateway.fastEmbedded(registry);
        registry.add("spring.datasource.url", postgres::jdbcUrl);
        // While the database is down a session waits this long for a connection before its 4xx.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        // Work interrupted by the outage is taken up again after this.
        registry.add("poststelle.delivery.lease", () -> "5s");
        TestGateway.servedDomain(registry, 0, "behoerde.example", "demo", sink::port, "127.0.0.1/32");
        TestGateway.route(registry, 0, "extern.example", sink.port());
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
        sink.close();
    }

    @Autowired
    SmtpServer smtpServer;

    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    final List<String> temporaryFailures = new CopyOnWriteArrayList<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();

    @Test
    void mailIsRefusedTemporarilyWhileTheDatabaseIsDownAndEveryAcknowledgedMailIsDelivered() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> sendUntilStopped(client, running)));
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= 20);

        postgres.stop();
        int acknowledgedBeforeOutage = acknowledged.size();
        await().atMost(Duration.ofMinutes(2)).until(() -> temporaryFailures.size() >= 10);
        postgres.resume();
        int acknowledgedAtResume = acknowledged.size();
        await().atMost(Duration.ofMinutes(3)).until(() -> acknowledged.size() >= acknowledgedAtResume + 20);

        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        assertThat(unexpected).as("replies other than 250 and 4xx").isEmpty();

        await().atMost(Duration.ofMinutes(3)).until(() -> deliveries().keySet().containsAll(acknowledged));
        Map<String, Long> deliveries = deliveries();
        long duplicates = deliveries.values().stream().mapToLong(count -> count - 1).sum();
        System.out.printf("database restart: %d mails acknowledged (%d before the outage, %d while stopping/down/"
                        + "restarting), %d refused with 4xx, %d delivered, %d delivered twice%n", acknowledged.size(),
                acknowledgedBeforeOutage, acknowledgedAtResume - acknowledgedBeforeOutage, temporaryFailures.size(),
                deliveries.size(), duplicates);
        assertThat(temporaryFailures).allSatisfy(reply -> assertThat(reply).matches("4\\d\\d 4\\.\\d\\.\\d .*"));
    }

    private void sendUntilStopped(int client, AtomicBoolean running) {
        for (int n = 0; running.get(); n++) {
            String subject = "db-" + client + "-" + n;
            try (SmtpTestClient smtp = new SmtpTestClient(smtpServer.port())) {
                String reply = smtp.sendMail("amt@behoerde.example", "buerger@extern.example",
                        "Subject: " + subject + "\r\n\r\nHallo\r\n");
                if (reply.startsWith("250")) {
                    acknowledged.add(subject);
                } else if (reply.startsWith("4")) {
                    temporaryFailures.add(reply);
                } else {
                    unexpected.add(subject + ": " + reply);
                }
            } catch (IOException e) {
                unexpected.add(subject + ": " + e);
            }
        }
    }

    private Map<String, Long> deliveries() {
        return sink.received().stream().map(SUBJECT::matcher).filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
