package de.poststelle.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Outcome of one measured run, printed for people and as one {@code RESULT key=value ...}
 * line for scripts. End-to-end figures are null when the run had no sink.
 */
record BenchResult(
        LoadSettings settings,
        long accepted,
        long errors,
        double acceptSeconds,
        Latencies acceptLatencies,
        Long delivered,
        Long missing,
        Long duplicates,
        Double endToEndSeconds,
        Latencies endToEndLatencies,
        OptionalDouble peakHeapBytes) {

    static final String NOT_AVAILABLE = "n/a";

    boolean clean() {
        return errors == 0 && (missing == null || missing == 0);
    }

    void print(PrintStream out) {
        LoadSettings s = settings;
        out.printf(Locale.ROOT, "scenario        %s%n", s.scenario());
        out.printf(Locale.ROOT, "target          %s:%s, sink %s%n", s.host(),
                s.ports().stream().map(String::valueOf).collect(Collectors.joining(",")),
                s.withSink() ? "127.0.0.1:" + s.sinkPort() : "none (acceptance only)");
        out.printf(Locale.ROOT, "load            %d messages x %d bytes, %d sessions, %d warmup%n",
                s.messages(), s.size(), s.sessions(), s.warmup());
        out.printf(Locale.ROOT, "accepted        %d (errors %d) in %s s = %s msg/s%n",
                accepted, errors, number(acceptSeconds, 3), number(rate(accepted, acceptSeconds), 1));
        out.printf(Locale.ROOT, "latency accept  %s%n", format(acceptLatencies));
        if (delivered != null) {
            out.printf(Locale.ROOT, "delivered       %d (missing %d, duplicates %d) in %s s = %s msg/s end to end%n",
                    delivered, missing, duplicates, number(endToEndSeconds, 3), number(rate(delivered, endToEndSeconds), 1));
            out.printf(Locale.ROOT, "latency e2e     %s%n", format(endToEndLatencies));
        }
        out.printf(Locale.ROOT, "peak heap       %s%n", peakHeapMegabytes().equals(NOT_AVAILABLE)
                ? NOT_AVAILABLE : peakHeapMegabytes() + " MB");
        out.println(resultLine());
    }

    String resultLine() {
        LoadSettings s = settings;
        boolean e2e = delivered != null;
        return "RESULT scenario=" + s.scenario()
                + " msgs=" + s.messages()
                + " size=" + s.size()
                + " sessions=" + s.sessions()
                + " accepted=" + accepted
                + " errors=" + errors
                + " delivered=" + (e2e ? delivered : NOT_AVAILABLE)
                + " missing=" + (e2e ? missing : NOT_AVAILABLE)
                + " duplicates=" + (e2e ? duplicates : NOT_AVAILABLE)
                + " accept_s=" + number(acceptSeconds, 3)
                + " accept_msgs_per_s=" + number(rate(accepted, acceptSeconds), 1)
                + " accept_p50_ms=" + number(acceptLatencies.p50Millis(), 2)
                + " accept_p99_ms=" + number(acceptLatencies.p99Millis(), 2)
                + " accept_max_ms=" + number(acceptLatencies.maxMillis(), 2)
                + " e2e_s=" + (e2e ? number(endToEndSeconds, 3) : NOT_AVAILABLE)
                + " e2e_msgs_per_s=" + (e2e ? number(rate(delivered, endToEndSeconds), 1) : NOT_AVAILABLE)
                + " p50_ms=" + (e2e ? number(endToEndLatencies.p50Millis(), 2) : NOT_AVAILABLE)
                + " p99_ms=" + (e2e ? number(endToEndLatencies.p99Millis(), 2) : NOT_AVAILABLE)
                + " max_ms=" + (e2e ? number(endToEndLatencies.maxMillis(), 2) : NOT_AVAILABLE)
                + " peak_heap_mb=" + peakHeapMegabytes();
    }

    private String peakHeapMegabytes() {
        return peakHeapBytes.isPresent() ? number(peakHeapBytes.getAsDouble() / (1024 * 1024), 1) : NOT_AVAILABLE;
    }

    private static String format(Latencies latencies) {
        if (latencies.count() == 0) {
            return NOT_AVAILABLE;
        }
        return "p50 " + number(latencies.p50Millis(), 2) + " ms, p99 " + number(latencies.p99Millis(), 2)
                + " ms, max " + number(latencies.maxMillis(), 2) + " ms";
    }

    private static double rate(long count, double seconds) {
        return seconds > 0 ? count / seconds : Double.NaN;
    }

    /** Fixed decimals; NaN (nothing measured) becomes n/a so the RESULT line stays parsable. */
    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? NOT_AVAILABLE : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
