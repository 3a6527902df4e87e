package de.poststelle.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SMTP load generator. Sends messages over parallel sessions to a gateway and, with a sink
 * on the gateway's next hop (started here, in-process), measures end to end: from the
 * moment a message's MAIL FROM goes out to the moment the sink has read its final dot.
 * Without a sink ({@code --sink-port 0}) only SMTP acceptance is measured.
 *
 * <p>Exit status: 0 if every message was accepted (and delivered, with a sink), 1 otherwise,
 * 2 on bad arguments.
 */
public final class LoadGenerator {

    private final LoadSettings settings;
    private final MessageFactory messages;
    /** Makes Message-IDs unique across runs, e.g. against a gateway that keeps a queue. */
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    LoadGenerator(LoadSettings settings) {
        this.settings = settings;
        this.messages = new MessageFactory(settings.from(), settings.to(), settings.size());
    }

    public static void main(String[] args) throws Exception {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LoadSettings.USAGE);
            System.exit(2);
            return;
        }
        BenchResult result = new LoadGenerator(settings).run(System.out);
        System.exit(result.clean() ? 0 : 1);
    }

    BenchResult run(PrintStream out) throws IOException, InterruptedException {
        try (SmtpSink sink = settings.withSink() ? SmtpSink.start(settings.sinkPort()) : null) {
            if (settings.warmup() > 0) {
                out.printf("warmup: %d messages%n", settings.warmup());
                LoadPhase warmup = new LoadPhase(settings, messages, runId + "-w", settings.warmup());
                warmup.run();
                if (sink != null) {
                    sink.awaitArrivals(warmup.acceptedIds(), settings.timeout());
                }
            }
            out.printf("measuring: %d messages%n", settings.messages());
            LoadPhase phase = new LoadPhase(settings, messages, runId + "-m", settings.messages());
            HeapPoller heapPoller = HeapPoller.start(settings.heapUrl());
            try {
                phase.run();
                if (sink != null && !sink.awaitArrivals(phase.acceptedIds(), settings.timeout())) {
                    out.printf("sink: not all accepted messages arrived within %d s%n", settings.timeout().toSeconds());
                }
            } finally {
                if (heapPoller != null) {
                    heapPoller.close();
                }
            }
            OptionalDouble peakHeap = heapPoller == null ? OptionalDouble.empty() : heapPoller.peakBytes();
            phase.errors().forEach((text, count) -> out.printf("error x%d: %s%n", count.sum(), text));
            BenchResult result = evaluate(phase, sink, peakHeap);
            result.print(out);
            return result;
        }
    }

    private BenchResult evaluate(LoadPhase phase, SmtpSink sink, OptionalDouble peakHeap) {
        int count = phase.count();
        long[] acceptLatencies = new long[count];
        long[] endToEndLatencies = new long[count];
        int accepted = 0;
        int delivered = 0;
        long lastAccepted = phase.startNanos();
        long lastArrival = phase.startNanos();
        for (int i = 0; i < count; i++) {
            if (!phase.accepted(i)) {
                continue;
            }
            acceptLatencies[accepted++] = phase.acceptedNanos(i) - phase.sendStartNanos(i);
            lastAccepted = Math.max(lastAccepted, phase.acceptedNanos(i));
            Long arrival = sink == null ? null : sink.arrivalNanos(phase.id(i));
            if (arrival != null) {
                endToEndLatencies[delivered++] = arrival - phase.sendStartNanos(i);
                lastArrival = Math.max(lastArrival, arrival);
            }
        }
        double acceptSeconds = seconds(lastAccepted - phase.startNanos());
        if (sink == null) {
            return new BenchResult(settings, accepted, phase.errorCount(), acceptSeconds,
                    Latencies.of(acceptLatencies, accepted), null, null, null, null, null, peakHeap);
        }
        return new BenchResult(settings, accepted, phase.errorCount(), acceptSeconds,
                Latencies.of(acceptLatencies, accepted),
                (long) delivered, (long) (accepted - delivered), sink.duplicateCount(),
                seconds(lastArrival - phase.startNanos()), Latencies.of(endToEndLatencies, delivered), peakHeap);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
