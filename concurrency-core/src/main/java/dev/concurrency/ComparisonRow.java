package dev.concurrency;

import dev.concurrency.internal.compare.Percentiles;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One strategy's line of a {@link Comparison}: the figures of its measured
 * run, or why it could not run the tasks ({@link #notRunReason()}).
 *
 * <p>Task latency is the time from when a task was handed to the strategy
 * until it ended ({@link TaskTiming#ended()} minus {@link TaskTiming#queued()}),
 * queueing included. Its percentiles are exact, by the nearest-rank method
 * over every task of the run (the smallest latency that at least p % of the
 * tasks do not exceed), not estimated from a histogram.
 *
 * <pre>{@code
 * ComparisonRow row = comparison.row(Strategy.THREAD).orElseThrow();
 * if (row.ran()) System.out.println(row.latencyP99());
 * }</pre>
 *
 * <p>Figures of a row that did not run throw {@link IllegalStateException}:
 * check {@link #ran()} first. Immutable and thread-safe.
 */
public final class ComparisonRow {

    /**
     * Memory of this JVM, sampled while a run ran (and once at its start and end);
     * under {@link Strategy#PROCESS} the resident figures also count the worker
     * processes (see {@link #plusWorkers}).
     *
     * @param heapAtStart      heap in use as the run started, in bytes, after a garbage collection
     * @param peakHeap         the most heap in use seen during the run, in bytes (garbage not yet collected included)
     * @param residentAtStart  the resident set size ({@code VmRSS}) as the run started, in bytes;
     *                         empty where {@code /proc/self/status} cannot be read
     * @param peakResident     the largest resident set size seen during the run, in bytes; empty likewise
     */
    public record Memory(long heapAtStart, long peakHeap, OptionalLong residentAtStart, OptionalLong peakResident) {

        /**
         * @throws NullPointerException if an optional is null
         */
        public Memory {
            Objects.requireNonNull(residentAtStart, "residentAtStart is null");
            Objects.requireNonNull(peakResident, "peakResident is null");
        }

        /**
         * Adds worker processes to the resident peak: each one's own peak
         * ({@code VmHWM}, read when the run's last task ended). The workers did
         * not exist at the run's start, so all of their memory counts as growth.
         *
         * @param workers the run's {@link Stats#workers()}
         * @return this memory with the workers' peaks added, or this memory if there are none
         */
        public Memory plusWorkers(List<WorkerStats> workers) {
            if (workers.isEmpty() || peakResident.isEmpty()) {
                return this;
            }
            long sum = peakResident.getAsLong();
            for (WorkerStats worker : workers) {
                sum += worker.peakResidentBytes().orElse(0);
            }
            return new Memory(heapAtStart, peakHeap, residentAtStart, OptionalLong.of(sum));
        }

        /** @return how far heap use rose above its start, in bytes; 0 if it never did */
        public long heapGrowth() {
            return Math.max(0, peakHeap - heapAtStart);
        }

        /** @return how far the resident set rose above its start, in bytes; empty where not measured */
        public OptionalLong residentGrowth() {
            return residentAtStart.isPresent() && peakResident.isPresent()
                    ? OptionalLong.of(Math.max(0, peakResident.getAsLong() - residentAtStart.getAsLong()))
                    : OptionalLong.empty();
        }
    }

    private final String label;
    private final Strategy strategy;
    private final Gil gil;
    private final Stats stats;
    private final Memory memory;
    private final int failures;
    private final String firstFailure;
    private final String notRunReason;
    private final Duration p50;
    private final Duration p99;

    private ComparisonRow(String label, Strategy strategy, Gil gil, Stats stats, Memory memory, int failures,
                          String firstFailure, String notRunReason) {
        this.label = Objects.requireNonNull(label, "label is null");
        this.strategy = Objects.requireNonNull(strategy, "strategy is null");
        this.gil = Objects.requireNonNull(gil, "gil is null");
        this.stats = stats;
        this.memory = memory;
        this.failures = failures;
        this.firstFailure = firstFailure;
        this.notRunReason = notRunReason;
        long[] latencies = stats == null ? new long[0] : Percentiles.latencyNanos(stats.tasks());
        this.p50 = Duration.ofNanos(Percentiles.nearestRank(latencies, 50));
        this.p99 = Duration.ofNanos(Percentiles.nearestRank(latencies, 99));
    }

    /**
     * The row of a run that took place.
     *
     * @param label        the row's label (the strategy's name, unless relabelled)
     * @param strategy     the strategy
     * @param gil          the lock it ran under, {@link Gil#off()} for none
     * @param stats        the run's figures
     * @param memory       this JVM's memory during the run
     * @param failures     how many tasks did not succeed, {@code >= 0}
     * @param firstFailure what happened to the first of them; {@code null} if none
     * @return the row
     * @throws IllegalArgumentException if {@code failures} is negative, or not zero while {@code firstFailure} is null
     */
    public static ComparisonRow measured(String label, Strategy strategy, Gil gil, Stats stats, Memory memory,
                                         int failures, String firstFailure) {
        Objects.requireNonNull(stats, "stats is null");
        Objects.requireNonNull(memory, "memory is null");
        if (failures < 0 || (failures > 0) != (firstFailure != null)) {
            throw new IllegalArgumentException("failures: " + failures + " with firstFailure " + firstFailure
                    + " (expected: 0 without a first failure, > 0 with one)");
        }
        return new ComparisonRow(label, strategy, gil, stats, memory, failures, firstFailure, null);
    }

    /**
     * The row of a strategy that could not run the tasks.
     *
     * @param label    the row's label
     * @param strategy the strategy
     * @param gil      the lock it was to run under
     * @param reason   why it did not run
     * @return the row
     */
    public static ComparisonRow notRun(String label, Strategy strategy, Gil gil, String reason) {
        Objects.requireNonNull(reason, "reason is null");
        return new ComparisonRow(label, strategy, gil, null, null, 0, null, reason);
    }

    /**
     * @param label the new label
     * @return this row under another label
     */
    public ComparisonRow withLabel(String label) {
        return new ComparisonRow(label, strategy, gil, stats, memory, failures, firstFailure, notRunReason);
    }

    /** @return the label: the strategy's name unless relabelled */
    public String label() {
        return label;
    }

    /** @return the strategy */
    public Strategy strategy() {
        return strategy;
    }

    /** @return the lock the run had; {@link Gil#off()} for none */
    public Gil gil() {
        return gil;
    }

    /** @return whether the strategy ran the tasks (even if some failed) */
    public boolean ran() {
        return notRunReason == null;
    }

    /** @return why the strategy could not run the tasks; empty if it ran them */
    public Optional<String> notRunReason() {
        return Optional.ofNullable(notRunReason);
    }

    /** @return the run's own figures (per-task timings included); empty if it did not run */
    public Optional<Stats> stats() {
        return Optional.ofNullable(stats);
    }

    /** @return the run's stats; throws if it did not run */
    private Stats ranStats() {
        if (stats == null) {
            throw new IllegalStateException(label + " did not run (" + notRunReason + "); check ran() first");
        }
        return stats;
    }

    /** @return how many tasks ran */
    public int tasks() {
        return ranStats().tasks().size();
    }

    /** @return the run's wall time */
    public Duration wallTime() {
        return ranStats().wallTime();
    }

    /** @return the CPU time this JVM used during the run */
    public Duration cpuTime() {
        return ranStats().cpuTime();
    }

    /** @return tasks ended per second of wall time; 0 for a run of zero wall time */
    public double tasksPerSecond() {
        return ranStats().tasksPerSecond();
    }

    /** @return the median task latency (nearest rank); zero without tasks */
    public Duration latencyP50() {
        ranStats();
        return p50;
    }

    /** @return the 99th percentile of task latency (nearest rank); zero without tasks */
    public Duration latencyP99() {
        ranStats();
        return p99;
    }

    /** @return the most threads the strategy had alive at once */
    public int peakThreads() {
        return ranStats().peakThreads();
    }

    /** @return this JVM's memory during the run */
    public Memory memory() {
        ranStats();
        return memory;
    }

    /** @return heap growth per task in bytes ({@link Memory#heapGrowth()} / tasks); 0 without tasks */
    public double heapPerTask() {
        int tasks = tasks();
        return tasks == 0 ? 0 : (double) memory.heapGrowth() / tasks;
    }

    /** @return resident set growth per task in bytes; empty where it was not measured or without tasks */
    public OptionalDouble residentPerTask() {
        int tasks = tasks();
        OptionalLong growth = memory.residentGrowth();
        return growth.isEmpty() || tasks == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) growth.getAsLong() / tasks);
    }

    /** @return time tasks spent waiting for the GIL, summed over tasks; empty when the run had no GIL */
    public Optional<Duration> gilWait() {
        Stats s = ranStats();
        return gil.isOff() ? Optional.empty() : Optional.of(s.gil().waitTime());
    }

    /** @return how many tasks did not succeed (failed, cancelled or timed out) */
    public int failures() {
        ranStats();
        return failures;
    }

    /** @return what happened to the first task that did not succeed; empty if all succeeded */
    public Optional<String> firstFailure() {
        ranStats();
        return Optional.ofNullable(firstFailure);
    }

    @Override
    public String toString() {
        return ran()
                ? label + ": " + stats + ", p50 " + p50 + ", p99 " + p99 + ", " + memory + ", failures " + failures
                : label + ": not run: " + notRunReason;
    }
}
