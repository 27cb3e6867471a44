package dev.concurrency.examples.experiments;

import dev.concurrency.examples.text.Figures;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.examples.gil.CpuBound;

import dev.concurrency.examples.report.Section;
import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * CPU-bound tasks (a recursive Fibonacci number with a checkpoint every
 * {@value #CHECKPOINT_EVERY} calls, sized to take about the target CPU time alone): sequential and under each
 * strategy, without and with a GIL. Threads overlap on several cores without
 * the lock and take turns with it; one event loop runs one task at a time;
 * CALLBACK runs only {@code AsyncTask}s, so its row says why it did not run.
 */
final class CpuExperiment {

    static final String TITLE = "CPU-bound";
    /**
     * Calls of fib between checkpoints: a few microseconds, so the GIL changes
     * hands on time, and EVENT_LOOP's suspension at each checkpoint stays a
     * small part of the work (at one per call, it made fib some 300 times slower).
     */
    static final int CHECKPOINT_EVERY = 1_000;

    private CpuExperiment() {
    }

    static Section run(Settings settings, PrintStream err) {
        CpuBound.Calibration calibration = CpuBound.calibrate(settings.cpuTarget(), err);
        List<CpuBound.SparseFibTask> tasks = Collections.nCopies(settings.cpuTasks(),
                new CpuBound.SparseFibTask(calibration.n(), CHECKPOINT_EVERY));
        String title = String.format(Locale.ROOT, "%s: %d tasks, each fib(%d) with a checkpoint every %,d calls"
                        + " (about %s s of CPU alone); sequential, then each strategy; without and with a GIL",
                TITLE, tasks.size(), calibration.n(), CHECKPOINT_EVERY, Figures.seconds(calibration.time()));
        // a CPU-bound task keeps its loop between checkpoints by design: no blocked-loop report (a stack each)
        RunOptions base = RunOptions.of(Strategy.THREAD).noBlockedLoopWarning();
        GilComparison.Result result = GilComparison.run(tasks, base, 1,
                settings.strategies(), "cpu", "CPU-bound: wall time per strategy, without and with a GIL", err);
        String text = title + "\n" + result.comparison().table();
        return new Section(TITLE, text, List.of(result.wallChart().toSvg()), result.comparison());
    }
}
