package dev.concurrency;

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
 * queueing included. In the rows {@link Concurrency#compare} makes, its
 * percentiles are exact, by the nearest-rank method over every task of the run
 * (the smallest latency that at least p % of the tasks do not exceed), not
 * estimated from a histogram.
 *
 * <pre>{@code
 * ComparisonRow row = comparison.row(Strategy.THREAD).orElseThrow();
 * if (row.ran()) System.out.println(row.latencyP99());
 * }</pre>
 *
 * <p>A plain value: {@link Concurrency#compare} makes the rows of its
 * comparison, and a row can as well be built from known figures (say, read
 * back from a file) and put in a {@link Comparison#of(List)}. The row takes the
 * latency percentiles as given; it does not compute them from
 * {@link Stats#tasks()}. A row that ran has stats, memory and both percentiles;
 * a row that did not run has only its label, strategy, lock and reason (see
 * {@link #notRun}).
 *
 * <p>Figures of a row that did not run throw {@link IllegalStateException}:
 * check {@link #ran()} first. Immutable and thread-safe: every component is
 * immutable.
 *
 * @param label        the row's label: the strategy's name, unless relabelled
 * @param strategy     the strategy
 * @param gil          the lock the run had, {@link Gil#off()} for none
 * @param stats        the run's figures; empty if it did not run
 * @param memory       this JVM's memory during the run; {@code null} if it did not run
 * @param failures     how many tasks did not succeed, {@code >= 0}; 0 if it did not run
 * @param firstFailure what happened to the first of them; empty if none or if it did not run
 * @param notRunReason why the strategy could not run the tasks; empty if it ran them
 * @param latencyP50   the median task latency (nearest rank), zero without tasks; {@code null} if it did not run
 * @param latencyP99   the 99th percentile of task latency (nearest rank), {@code >= latencyP50};
 *                     {@code null} if it did not run
 */
public record ComparisonRow(String label, Strategy strategy, Gil gil, Optional<Stats> stats, Memory memory,
                            int failures, Optional<String> firstFailure, Optional<String> notRunReason,
                            Duration latencyP50, Duration latencyP99) {

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
         * Checks that both resident figures are present as optionals (empty, not null, where unmeasured).
         *
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

        /** {@return how far heap use rose above its start, in bytes; 0 if it never did} */
        public long heapGrowth() {
            return Math.max(0, peakHeap - heapAtStart);
        }

        /** {@return how far the resident set rose above its start, in bytes; empty where not measured} */
        public OptionalLong residentGrowth() {
            return residentAtStart.isPresent() && peakResident.isPresent()
                    ? OptionalLong.of(Math.max(0, peakResident.getAsLong() - residentAtStart.getAsLong()))
                    : OptionalLong.empty();
        }
    }

    /**
     * Checks the values: a row that ran has stats, memory and both percentiles;
     * a row that did not run has a reason and none of them.
     *
     * @throws NullPointerException     if a value that the row needs is null
     * @throws IllegalArgumentException if {@code failures} is negative, or not zero while
     *                                  {@code firstFailure} is empty (or zero while it is present);
     *                                  if a percentile is negative or {@code latencyP50 > latencyP99};
     *                                  if a row that did not run carries figures
     */
    public ComparisonRow {
        Objects.requireNonNull(label, "label is null");
        Objects.requireNonNull(strategy, "strategy is null");
        Objects.requireNonNull(gil, "gil is null");
        Objects.requireNonNull(stats, "stats is null");
        Objects.requireNonNull(firstFailure, "firstFailure is null");
        Objects.requireNonNull(notRunReason, "notRunReason is null");
        if (notRunReason.isPresent()) {
            if (stats.isPresent() || memory != null || failures != 0 || firstFailure.isPresent()
                    || latencyP50 != null || latencyP99 != null) {
                throw new IllegalArgumentException(label + " did not run (" + notRunReason.get()
                        + ") (expected: no stats, memory, failures or latencies)");
            }
        } else {
            if (stats.isEmpty()) {
                throw new IllegalArgumentException(label + " has neither stats nor a reason why it did not run");
            }
            Objects.requireNonNull(memory, "memory is null");
            checkFailures(failures, firstFailure);
            checkLatencies(latencyP50, latencyP99);
        }
    }

    private static void checkFailures(int failures, Optional<String> firstFailure) {
        if (failures < 0 || (failures > 0) != firstFailure.isPresent()) {
            throw new IllegalArgumentException("failures: " + failures + " with firstFailure "
                    + firstFailure.orElse(null) + " (expected: 0 without a first failure, > 0 with one)");
        }
    }

    private static void checkLatencies(Duration p50, Duration p99) {
        Objects.requireNonNull(p50, "latencyP50 is null");
        Objects.requireNonNull(p99, "latencyP99 is null");
        if (p50.isNegative() || p50.compareTo(p99) > 0) {
            throw new IllegalArgumentException("latencyP50: " + p50 + ", latencyP99: " + p99
                    + " (expected: 0 <= latencyP50 <= latencyP99)");
        }
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
        return new ComparisonRow(label, strategy, gil, Optional.empty(), null, 0, Optional.empty(),
                Optional.of(reason), null, null);
    }

    /**
     * A copy of this row with another label, every figure kept; this row is unchanged.
     *
     * @param label the new label
     * @return this row under another label

     */
    public ComparisonRow withLabel(String label) {
        return new ComparisonRow(label, strategy, gil, stats, memory, failures, firstFailure, notRunReason,
                latencyP50, latencyP99);
    }

    /** {@return whether the strategy ran the tasks (even if some failed)} */
    public boolean ran() {
        return notRunReason.isEmpty();
    }

    /** {@return the run's stats; throws if it did not run} */
    private Stats ranStats() {
        return stats.orElseThrow(() -> new IllegalStateException(
                label + " did not run (" + notRunReason.orElseThrow() + "); check ran() first"));
    }

    /**
     * {@return how many tasks ran}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    public int tasks() {
        return ranStats().tasks().size();
    }

    /**
     * {@return the run's wall time}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    public Duration wallTime() {
        return ranStats().wallTime();
    }

    /**
     * {@return the CPU time this JVM used during the run}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    public Duration cpuTime() {
        return ranStats().cpuTime();
    }

    /**
     * {@return tasks ended per second of wall time; 0 for a run of zero wall time}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    public double tasksPerSecond() {
        return ranStats().tasksPerSecond();
    }

    /**
     * {@return the median task latency (nearest rank); zero without tasks}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    @Override
    public Duration latencyP50() {
        ranStats();
        return latencyP50;
    }

    /**
     * {@return the 99th percentile of task latency (nearest rank); zero without tasks}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    @Override
    public Duration latencyP99() {
        ranStats();
        return latencyP99;
    }

    /**
     * {@return the most threads the strategy had alive at once}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    public int peakThreads() {
        return ranStats().peakThreads();
    }

    /**
     * {@return this JVM's memory during the run}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    @Override
    public Memory memory() {
        ranStats();
        return memory;
    }

    /**
     * {@return heap growth per task in bytes ({@link Memory#heapGrowth()} / tasks); 0 without tasks}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    public double heapPerTask() {
        int tasks = tasks();
        return tasks == 0 ? 0 : (double) memory.heapGrowth() / tasks;
    }

    /**
     * {@return resident set growth per task in bytes; empty where it was not measured or without tasks}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    public OptionalDouble residentPerTask() {
        int tasks = tasks();
        OptionalLong growth = memory.residentGrowth();
        return growth.isEmpty() || tasks == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) growth.getAsLong() / tasks);
    }

    /**
     * {@return time tasks spent waiting for the GIL, summed over tasks; empty when the run had no GIL}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    public Optional<Duration> gilWait() {
        Stats s = ranStats();
        return gil.isOff() ? Optional.empty() : Optional.of(s.gil().waitTime());
    }

    /**
     * {@return how many tasks did not succeed (failed, cancelled or timed out)}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    @Override
    public int failures() {
        ranStats();
        return failures;
    }

    /**
     * {@return what happened to the first task that did not succeed; empty if all succeeded}
     *
     * @throws IllegalStateException if the strategy did not run the tasks ({@link #ran()} is false)
     */
    @Override
    public Optional<String> firstFailure() {
        ranStats();
        return firstFailure;
    }

    /** {@return the label and the figures, or the label and why it did not run} */
    @Override
    public String toString() {
        return ran()
                ? label + ": " + stats.orElseThrow() + ", p50 " + latencyP50 + ", p99 " + latencyP99 + ", " + memory
                        + ", failures " + failures
                : label + ": not run: " + notRunReason.orElseThrow();
    }
}
