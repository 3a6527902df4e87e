package de.poststelle.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static de.poststelle.app.GatewayProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault test: the data directory runs full. Simulated without mounting anything: the gateway
 * process runs under {@code ulimit -f}, so its embedded database file cannot grow more than a few
 * MiB beyond its size after the first start, and writes past that fail in the kernel (EFBIG, "File
 * too large") just where a full disk fails them (ENOSPC). The next hop is down, so accepted mail
 * piles up in the database until it is full. Then space is "freed" by lifting the limit of the
 * running process with {@code prlimit}, and the next hop comes back.
 */
class DiskFullTest {

    private static final int MAIL_SIZE = 100 * 1024;
    private static final long HEADROOM = 3L * 1024 * 1024;
    /** 40 MiB of mail: far more than the headroom, so the loop always ends with the disk full. */
    private static final int MAX_MAILS = 400;

    @Test
    void aFullDataDirectoryIsAnsweredWithInsufficientStorageAndNoAcknowledgedMailIsLost() throws Exception {
        Path dataDir = Files.createTempDirectory("poststelle-diskfull");
        int smtpPort = freePort();
        int nextHopPort = freePort();
        try (GatewayProcess first = GatewayProcess.start(dataDir, smtpPort, nextHopPort, "256m")) {
            // the last step of a first start; the database must not fill up before it
            first.awaitOutput("created the first operator account");
            first.kill();
        }
        long databaseSize = Files.size(dataDir.resolve("db/poststelle.mv.db"));

        GreenMail nextHop = new GreenMail(new ServerSetup(nextHopPort, "127.0.0.1", "smtp"));
        try (GatewayProcess gateway = GatewayProcess.startWithFileSizeLimit(databaseSize + HEADROOM, dataDir, smtpPort,
                nextHopPort, "256m")) {
            gateway.awaitOutput("Started PoststelleApplication");
            List<String> acknowledged = new ArrayList<>();
            String refusal = null;
            for (int i = 0; i < MAX_MAILS && refusal == null; i++) {
                String subject = "voll " + i;
                String reply = send(smtpPort, subject);
                if (reply.startsWith("250")) {
                    acknowledged.add(subject);
                } else {
                    refusal = reply;
                }
            }
            System.out.printf("disk full: %d mails of %d KiB acknowledged, then %s%n", acknowledged.size(),
                    MAIL_SIZE / 1024, refusal);
            assertThat(acknowledged).as("some mail fitted before the disk was full").isNotEmpty();
            assertThat(refusal).startsWith("452 4.3.1");
            try (SmtpTestClient client = new SmtpTestClient(smtpPort)) {
                assertThat(client.send("NOOP")).as("still serving").startsWith("250");
            }

            freeSpace(gateway);
            nextHop.start();
            String recovered = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> send(smtpPort, "wieder Platz"), reply -> {
                        assertThat(reply).as("temporary until it recovers").matches("(250|4\\d\\d) .*");
                        return reply.startsWith("250");
                    });
            System.out.println("disk full: after space was freed: " + recovered);
            acknowledged.add("wieder Platz");

            await().atMost(Duration.ofMinutes(3)).until(() -> nextHop.getReceivedMessages().length >= acknowledged.size());
            Map<String, Long> copies = Arrays.stream(nextHop.getReceivedMessages()).map(GatewaySpineTest::subjectOf)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(copies.values()).allMatch(count -> count == 1);
        } finally {
            nextHop.stop();
        }
    }

    private static String send(int smtpPort, String subject) throws IOException {
        String line = "x".repeat(98) + "\r\n";
        try (SmtpTestClient client = new SmtpTestClient(smtpPort)) {
            return client.sendMail("amt@behoerde.example", "buerger@extern.example",
                    "Subject: " + subject + "\r\n\r\n" + line.repeat(MAIL_SIZE / line.length()));
        }
    }

    private static void freeSpace(GatewayProcess gateway) throws IOException, InterruptedException {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", String.valueOf(gateway.pid()), "--fsize=unlimited:")
                .inheritIO().start();
        assertThat(prlimit.waitFor()).as("prlimit exit code").isZero();
    }
}
