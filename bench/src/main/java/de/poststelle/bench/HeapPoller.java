package de.poststelle.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Polls a Spring Boot actuator metric (e.g. {@code jvm.memory.used?tag=area:heap}) every
 * 200 ms and keeps the maximum. Failed polls are ignored: the gateway's heap is a side note,
 * not a reason to abort a run.
 */
final class HeapPoller implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    // {"measurements":[{"statistic":"VALUE","value":1.23E8}], ...}
    private static final Pattern VALUE = Pattern.compile(
            "\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([-+0-9.eE]+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final HttpRequest request;
    private final Thread thread;
    private volatile double peakBytes = Double.NaN;

    private HeapPoller(String url) {
        this.request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build();
        this.thread = Thread.ofVirtual().name("heap-poller").start(this::pollLoop);
    }

    /** @param url actuator metric URL, or null for no polling */
    static HeapPoller start(String url) {
        return url == null || url.isBlank() ? null : new HeapPoller(url);
    }

    OptionalDouble peakBytes() {
        return Double.isNaN(peakBytes) ? OptionalDouble.empty() : OptionalDouble.of(peakBytes);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
        pollOnce(); // one last sample, so even a very short run gets a value
    }

    private void pollLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            pollOnce();
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pollOnce() {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher matcher = VALUE.matcher(response.body());
            if (response.statusCode() == 200 && matcher.find()) {
                double value = Double.parseDouble(matcher.group(1));
                if (Double.isNaN(peakBytes) || value > peakBytes) {
                    peakBytes = value;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unreachable or unexpected JSON: leave the peak as it is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
