package de.poststelle.bench;

import java.util.Arrays;

/** Latency percentiles from raw nanosecond samples (a sorted array is exact and small enough here). */
record Latencies(int count, double p50Millis, double p99Millis, double maxMillis) {

    static Latencies of(long[] nanos, int count) {
        if (count == 0) {
            return new Latencies(0, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Latencies(count, millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
                millis(sorted[count - 1]));
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
