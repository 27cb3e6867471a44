package dev.concurrency.examples.experiments;

import dev.concurrency.Comparison;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.gil.CpuBound;
import dev.concurrency.examples.report.Section;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import dev.concurrency.hazelcast.LocalCluster;
import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * CPU-bound tasks (a recursive Fibonacci number with a checkpoint every
 * {@value #CHECKPOINT_EVERY} calls, sized to take about the target CPU time
 * alone): sequential and under each strategy, without and with a GIL; CALLBACK
 * runs the same work in its {@code AsyncTask} form. Threads overlap on several
 * cores without the lock and take turns with it; worker processes each have a
 * lock of their own; one event loop runs one task at a time. The tasks are few
 * and long, so that a worker JVM's start-up is a small part of PROCESS's time.
 * CLUSTER, when its module is present, runs on one local cluster (one member
 * per core, one task at a time each, as PROCESS's workers) kept open across
 * its two rows, so its members' start-up is not in them.
 */
final class CpuExperiment {

    static final String TITLE = "CPU-bound";
    /**
     * Calls of fib between checkpoints: a few microseconds, so the GIL changes
     * hands on time, and EVENT_LOOP's suspension at each checkpoint stays a
     * small part of the work (at one per call, it made fib some 300 times slower).
     */
    static final int CHECKPOINT_EVERY = 1_000;
    /** The warm-up task is this much smaller than a measured one: fib(n - 8) is about 2 % of fib(n). */
    static final int WARM_UP_SMALLER_BY = 8;

    private CpuExperiment() {
    }

    static Section run(Settings settings, PrintStream err) {
        CpuBound.Calibration calibration = CpuBound.calibrate(settings.cpuTarget(), err,
                n -> new CpuBound.SparseFibTask(n, CHECKPOINT_EVERY));
        int n = calibration.n();
        int count = settings.cpuTasks();
        GilComparison.Work<Long> work = new GilComparison.Work<>(
                strategy -> tasks(strategy, n, count),
                strategy -> tasks(strategy, Math.max(1, n - WARM_UP_SMALLER_BY), Math.min(count, 2)));
        // a CPU-bound task keeps its loop between checkpoints by design: no blocked-loop report (a stack each)
        RunOptions base = RunOptions.of(Strategy.THREAD).noBlockedLoopWarning();
        GilComparison.Result result;
        try (LocalCluster cluster = ClusterRow.startIfInstalled(err)) {
            List<Strategy> strategies = settings.strategies();
            if (cluster != null) {
                base = base.with(cluster.options());
                strategies = ClusterRow.withCluster(strategies);
            }
            result = GilComparison.run(work, base, strategies, "cpu",
                    "CPU-bound: wall time per strategy, without and with a GIL", err);
        }
        String title = String.format(Locale.ROOT, "%s: %d tasks, each fib(%d) with a checkpoint every %,d calls"
                        + " (%s s of CPU alone); PROCESS's worker start-up included, CLUSTER's not", TITLE, count, n,
                CHECKPOINT_EVERY, Figures.seconds(calibration.time()));
        Table table = RowTables.gil(title, result.rows()).takeaway(Takeaways.cpu(result.rows(), count));
        return new Section(TITLE, "The same CPU-bound tasks one at a time, then under each strategy, without and"
                + " with an emulated GIL: a lock that lets one task compute at a time in a process.",
                List.of(table), List.of(result.wallChart().toSvg()),
                Comparison.of(result.rows().stream().map(Measured::row).toList()));
    }

    /** @return {@code count} copies of fib(n): CALLBACK's as an {@code AsyncTask}, the others' direct-style */
    static List<? extends Task<Long>> tasks(Strategy strategy, int n, int count) {
        return strategy == Strategy.CALLBACK
                ? Collections.nCopies(count, new CpuBound.AsyncFibTask(n, CHECKPOINT_EVERY))
                : Collections.nCopies(count, new CpuBound.SparseFibTask(n, CHECKPOINT_EVERY));
    }
}
