package dev.concurrency.spi;

import dev.concurrency.WorkerStats;
import java.util.List;
import java.util.Objects;

/**
 * What an engine's processes outside this JVM have done, for
 * {@link dev.concurrency.Stats}: the CPU time they used (those gone included),
 * added to the run's CPU time, and the figures of those alive now, which
 * become {@link dev.concurrency.Stats#workers()}. Immutable and thread-safe.
 *
 * @param cpuNanos CPU time used so far by the engine's processes, in nanoseconds, {@code >= 0}
 * @param workers  the processes alive now, with their figures
 */
public record RemoteFigures(long cpuNanos, List<WorkerStats> workers) {

    /** No process outside this JVM. */
    public static final RemoteFigures NONE = new RemoteFigures(0, List.of());

    /**
     * Checks the figures and copies {@code workers}, which is unmodifiable afterwards.
     *
     * @throws NullPointerException if {@code workers} is null or holds null
     * @throws IllegalArgumentException if {@code cpuNanos} is negative
     */

    public RemoteFigures {
        if (cpuNanos < 0) {
            throw new IllegalArgumentException("cpuNanos: " + cpuNanos + " (expected: >= 0)");
        }
        workers = List.copyOf(Objects.requireNonNull(workers, "workers is null"));
    }
}
