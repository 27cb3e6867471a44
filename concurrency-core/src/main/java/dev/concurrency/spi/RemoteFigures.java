package dev.concurrency.spi;

import dev.concurrency.WorkerStats;
import dev.concurrency.internal.ResidentMemory;
import java.time.Duration;
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
 * @param reruns   how many tasks have run more than once so far (at-least-once delivery), {@code >= 0}
 */
public record RemoteFigures(long cpuNanos, List<WorkerStats> workers, long reruns) {

    /** No process outside this JVM. */
    public static final RemoteFigures NONE = new RemoteFigures(0, List.of());

    /**
     * Figures of an engine that runs every task once.
     *
     * @param cpuNanos CPU time used so far by the engine's processes, in nanoseconds, {@code >= 0}
     * @param workers  the processes alive now, with their figures
     */
    public RemoteFigures(long cpuNanos, List<WorkerStats> workers) {
        this(cpuNanos, workers, 0);
    }

    /**
     * The figures of one process of this machine now, its resident memory read
     * where the platform tells ({@code /proc} on Linux; empty elsewhere, or once the process has gone).
     *
     * @param id          its number within the engine, from 1
     * @param pid         its process id
     * @param startupTime from starting it until it was ready for tasks
     * @param tasks       how many tasks it has run
     * @return the figures
     */
    public static WorkerStats processOnThisMachine(int id, long pid, Duration startupTime, long tasks) {
        ResidentMemory memory = ResidentMemory.of(pid);
        return new WorkerStats(id, pid, startupTime, tasks, memory.current(), memory.peak());
    }

    /**
     * Checks the figures and copies {@code workers}, which is unmodifiable afterwards.
     *
     * @throws NullPointerException if {@code workers} is null or holds null
     * @throws IllegalArgumentException if {@code cpuNanos} or {@code reruns} is negative
     */

    public RemoteFigures {
        if (cpuNanos < 0) {
            throw new IllegalArgumentException("cpuNanos: " + cpuNanos + " (expected: >= 0)");
        }
        if (reruns < 0) {
            throw new IllegalArgumentException("reruns: " + reruns + " (expected: >= 0)");
        }
        workers = List.copyOf(Objects.requireNonNull(workers, "workers is null"));
    }
}
