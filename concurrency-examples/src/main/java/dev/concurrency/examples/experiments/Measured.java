package dev.concurrency.examples.experiments;

import dev.concurrency.CompareOptions;
import dev.concurrency.ComparisonRow;
import dev.concurrency.Concurrency;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * One row of an experiment: the library's figures of a run, and the bytes
 * this JVM allocated per task during it (the JDK's per-thread allocation
 * counters, summed over every thread, carriers of virtual threads included;
 * the allocations of PROCESS's workers are theirs, not counted here).
 *
 * @param row                the run's figures
 * @param allocatedPerTask   bytes allocated in this JVM during the run, per task; NaN if not measured
 */
record Measured(ComparisonRow row, double allocatedPerTask) {

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    /** @return a row that did not run, with its reason */
    static Measured notRun(ComparisonRow row) {
        return new Measured(row, Double.NaN);
    }

    /**
     * Runs the warm-up tasks, if any, then the tasks once under the strategy, measured.
     *
     * @param tasks    the measured tasks
     * @param warmUp   tasks run first, not measured (may be empty)
     * @param options  how to run them; the strategy is set here
     * @param strategy the strategy
     * @return the row (one that did not run says why) and the allocation per task
     */
    static <T> Measured run(List<? extends Task<T>> tasks, List<? extends Task<T>> warmUp, RunOptions options,
                            Strategy strategy) {
        if (!warmUp.isEmpty()) {
            // as a comparison, so the template's settings for other strategies are left out, as below
            Concurrency.compare(warmUp, CompareOptions.of(options).warmUp(0), strategy);
        }
        long before = allocated();
        ComparisonRow row = Concurrency.compare(tasks, CompareOptions.of(options).warmUp(0), strategy).rows().getFirst();
        long after = allocated();
        double perTask = before < 0 || !row.ran() || tasks.isEmpty() ? Double.NaN
                : (double) (after - before) / tasks.size();
        return new Measured(row, perTask);
    }

    /** @return bytes every thread of this JVM has allocated so far; -1 where the JVM cannot tell */
    static long allocated() {
        return THREADS == null ? -1 : THREADS.getTotalThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            return bean;
        }
        return null;
    }
}
