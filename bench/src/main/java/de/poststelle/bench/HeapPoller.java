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
 * Polls the gateway's Prometheus endpoint every 200 ms, adds up the heap pools of
 * {@code jvm_memory_used_bytes} and keeps the maximum. That endpoint needs no login, unlike the
 * other actuator endpoints. Failed polls are ignored: the gateway's heap is a side note, not a
 * reason to abort a run.
 */
final class HeapPoller implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    // jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.23E8
    private static final Pattern HEAP_POOL = Pattern.compile(
            "(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+([-+0-9.eE]+)");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final HttpRequest request;
    private final Thread thread;
    private volatile double peakBytes = Double.NaN;

    private HeapPoller(String url) {
        this.request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build();
        this.thread = Thread.ofVirtual().name("heap-poller").start(this::pollLoop);
    }

    /** @param url the gateway's {@code /actuator/prometheus} URL, or null for no polling */
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
            if (response.statusCode() != 200) {
                return;
            }
            Matcher pools = HEAP_POOL.matcher(response.body());
            double value = 0;
            boolean found = false;
            while (pools.find()) {
                value += Double.parseDouble(pools.group(1));
                found = true;
            }
            if (found && (Double.isNaN(peakBytes) || value > peakBytes)) {
                peakBytes = value;
            }
        } catch (IOException | NumberFormatException e) {
            // unreachable or unexpected text: leave the peak as it is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
