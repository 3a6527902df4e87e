package de.poststelle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Generator straight into the sink, no gateway in between: checks counting, not speed. */
class LoadGeneratorTest {

    @Test
    void deliversEveryMessageToItsOwnSinkAndPrintsAParsableResultLine() throws Exception {
        int port = freePort();
        LoadSettings settings = LoadSettings.parse(new String[] {
                "--scenario", "direct", "--port", String.valueOf(port), "--sink-port", String.valueOf(port),
                "--sessions", "4", "--messages", "50", "--size", "2048", "--warmup", "10", "--timeout", "20"});
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        BenchResult result = new LoadGenerator(settings).run(new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(result.clean()).isTrue();
        Map<String, String> fields = parseResultLine(output.toString(StandardCharsets.UTF_8));
        assertThat(fields).containsEntry("scenario", "direct")
                .containsEntry("msgs", "50")
                .containsEntry("sessions", "4")
                .containsEntry("accepted", "50")
                .containsEntry("delivered", "50")
                .containsEntry("errors", "0")
                .containsEntry("missing", "0")
                .containsEntry("duplicates", "0")
                .containsEntry("peak_heap_mb", "n/a");
        for (String key : new String[] {"e2e_msgs_per_s", "accept_msgs_per_s", "p50_ms", "p99_ms", "accept_p99_ms"}) {
            assertThat(Double.parseDouble(fields.get(key))).as(key).isPositive();
        }
    }

    @Test
    void withoutSinkMeasuresAcceptanceAndAnExternalSinkCountsEveryMessage() throws Exception {
        try (SmtpSink sink = SmtpSink.start(0)) {
            LoadSettings settings = LoadSettings.parse(new String[] {
                    "--port", String.valueOf(sink.port()), "--sink-port", "0",
                    "--sessions", "4", "--messages", "50", "--warmup", "5"});
            ByteArrayOutputStream output = new ByteArrayOutputStream();

            BenchResult result = new LoadGenerator(settings).run(new PrintStream(output, true, StandardCharsets.UTF_8));

            assertThat(result.accepted()).isEqualTo(50);
            assertThat(sink.awaitCount(55, Duration.ofSeconds(10))).isTrue();
            assertThat(sink.messageCount()).isEqualTo(55);
            assertThat(sink.duplicateCount()).isZero();
            Map<String, String> fields = parseResultLine(output.toString(StandardCharsets.UTF_8));
            assertThat(fields).containsEntry("accepted", "50")
                    .containsEntry("delivered", "n/a")
                    .containsEntry("p50_ms", "n/a");
        }
    }

    private static Map<String, String> parseResultLine(String output) {
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        return Arrays.stream(line.substring("RESULT ".length()).split(" "))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
