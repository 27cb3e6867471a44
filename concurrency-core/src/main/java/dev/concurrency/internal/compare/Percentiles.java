package dev.concurrency.internal.compare;

import dev.concurrency.TaskTiming;
import java.util.Arrays;
import java.util.List;

/**
 * Exact percentiles by the nearest-rank method: the p-th percentile of n
 * sorted values is the value at rank {@code ceil(p / 100 * n)} (1-based), so
 * it is always one of the values. No histogram, no interpolation.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param timings tasks' timings
     * @return each task's latency (ended minus queued) in nanoseconds, sorted ascending
     */
    public static long[] latencyNanos(List<TaskTiming> timings) {
        long[] nanos = new long[timings.size()];
        for (int i = 0; i < nanos.length; i++) {
            TaskTiming t = timings.get(i);
            nanos[i] = Math.max(0, t.ended().minus(t.queued()).toNanos());
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * @param sorted values sorted ascending
     * @param p      the percentile, {@code 0 < p <= 100}
     * @return the nearest-rank percentile; 0 if there are no values
     */
    public static long nearestRank(long[] sorted, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("p: " + p + " (expected: > 0 and <= 100)");
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1];
    }
}
