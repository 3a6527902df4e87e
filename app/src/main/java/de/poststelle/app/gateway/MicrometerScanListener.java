package de.poststelle.app.gateway;

import de.poststelle.scan.ScanListener;
import de.poststelle.scan.ScanResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scan metrics: {@code poststelle.scan.results{result=clean|infected|error}} and the alert counter
 * {@code poststelle.scan.errors} (clamd unreachable, timeout, size limit: mail is waiting unscanned).
 */
public final class MicrometerScanListener implements ScanListener {

    private final Counter clean;
    private final Counter infected;
    private final Counter errorResults;
    private final Counter errors;

    public MicrometerScanListener(MeterRegistry registry) {
        clean = result(registry, "clean");
        infected = result(registry, "infected");
        errorResults = result(registry, "error");
        errors = Counter.builder("poststelle.scan.errors")
                .description("Virus scans that failed (alert: mail waits unscanned, or passes unscanned with fail-open)")
                .register(registry);
    }

    private static Counter result(MeterRegistry registry, String result) {
        return Counter.builder("poststelle.scan.results").tag("result", result)
                .description("Virus scans by result").register(registry);
    }

    @Override
    public void scanned(String queueId, ScanResult result) {
        switch (result) {
            case ScanResult.Clean ignored -> clean.increment();
            case ScanResult.Infected ignored -> infected.increment();
            case ScanResult.Error ignored -> {
                errorResults.increment();
                errors.increment();
            }
        }
    }
}
