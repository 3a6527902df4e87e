package de.poststelle.app;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics that docs/operations.md and the Grafana dashboard name are the ones a running
 * gateway exports on /actuator/prometheus, and every metric of our own is documented there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsDocumentationTest {

    private static final Path OPERATIONS = Path.of("../docs/operations.md");
    private static final Path DASHBOARD = Path.of("../docs/grafana/poststelle.json");
    private static final Pattern METRIC = Pattern.compile("\\b(?:poststelle|jvm|hikaricp|process|http_server)_[a-z0-9_]*[a-z0-9]");

    @LocalServerPort
    int httpPort;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        TestGateway.fastEmbedded(registry);
        // Scanning configured (nothing listens there), so that its metrics are registered too.
        registry.add("poststelle.scan.clamd", () -> "tcp:127.0.0.1:" + freePortUnchecked());
    }

    @Test
    void documentedMetricsAreExportedAndOurOwnAreAllDocumented() throws Exception {
        // jvm_gc_pause_seconds exists only after a first collection, which a short test may not see.
        System.gc();
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains("jvm_gc_pause_seconds"));
        Set<String> exported = scrape().lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        String operations = Files.readString(OPERATIONS);

        assertThat(namesIn(operations)).as("metrics named in " + OPERATIONS)
                .allSatisfy(name -> assertThat(isExported(name, exported)).as(name + " is exported").isTrue());
        assertThat(exported.stream().filter(name -> name.startsWith("poststelle_")))
                .allSatisfy(name -> assertThat(namesIn(operations)).as(name + " is documented in " + OPERATIONS)
                        .anyMatch(documented -> name.equals(documented) || name.startsWith(documented + "_")));

        JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
        assertThat(dashboard.get("panels").size()).isGreaterThanOrEqualTo(5);
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expression = target.get("expr").asString();
                assertThat(namesIn(expression)).as(panel.get("title").asString()).isNotEmpty()
                        .allSatisfy(name -> assertThat(isExported(name, exported)).as(name + " is exported").isTrue());
            }
        }
    }

    /** {@code poststelle_mail_accepted_size_bytes} stands for its {@code _count}, {@code _sum} and {@code _max} too. */
    private static boolean isExported(String name, Set<String> exported) {
        return exported.stream().anyMatch(sample -> sample.equals(name) || sample.startsWith(name + "_"));
    }

    private static Set<String> namesIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private String scrape() throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    private static int freePortUnchecked() {
        try {
            return GatewayProcess.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
