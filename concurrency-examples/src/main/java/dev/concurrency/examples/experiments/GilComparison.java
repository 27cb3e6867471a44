package dev.concurrency.examples.experiments;

import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.report.BarChart;
import dev.concurrency.examples.report.Series;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.ProgressBar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The shape the CPU-bound and I/O-bound experiments share: the same work run
 * one at a time ({@code sequential}: {@code THREAD} with one thread), then
 * under each strategy, first without a GIL and then with {@code python3}'s,
 * in one table, with a chart of the wall times. Each run is a step with its
 * own progress line.
 */
final class GilComparison {

    static final String SEQUENTIAL = "sequential";
    /** Without a lock, then CPython 3's. */
    static final List<Gil> LOCKS = List.of(Gil.off(), Gil.python3());

    private GilComparison() {
    }

    /**
     * The rows and the chart of their wall times.
     *
     * @param rows      sequential and each strategy, for each lock in turn
     * @param wallChart wall time per strategy, a bar per lock
     */
    record Result(List<Measured> rows, BarChart wallChart) {
    }

    /**
     * The work of one experiment: the tasks each strategy runs (CALLBACK's in
     * their {@code AsyncTask} form) and the smaller ones it runs first, not measured.
     *
     * @param tasks  the measured tasks for a strategy
     * @param warmUp the warm-up tasks for a strategy
     */
    record Work<T>(Function<Strategy, List<? extends Task<T>>> tasks,
                   Function<Strategy, List<? extends Task<T>>> warmUp) {
    }

    /**
     * @param work       what every run runs
     * @param base       the run options (timeouts); strategy and GIL are set here
     * @param strategies the strategies after the sequential row
     * @param phase      the experiment's name, for progress
     * @param title      the chart's title
     * @param err        where progress goes
     */
    static <T> Result run(Work<T> work, RunOptions base, List<Strategy> strategies, String phase, String title,
                          PrintStream err) {
        List<Measured> rows = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        List<String> categories = new ArrayList<>(List.of(SEQUENTIAL));
        strategies.forEach(s -> categories.add(s.name()));
        for (Gil gil : LOCKS) {
            String lock = Figures.label(gil);
            List<Double> walls = new ArrayList<>();
            RunOptions options = base.gil(gil);
            Measured sequential = step(work, options.maxConcurrency(1), Strategy.THREAD, phase + ": " + SEQUENTIAL
                    + ", " + lock, err);
            rows.add(relabel(sequential, SEQUENTIAL + ", " + lock));
            walls.add(wallSeconds(sequential));
            for (Strategy strategy : strategies) {
                Measured m = step(work, options, strategy, phase + ": " + strategy + ", " + lock, err);
                rows.add(relabel(m, strategy + ", " + lock));
                walls.add(wallSeconds(m));
            }
            series.add(new Series(lock, walls));
        }
        return new Result(rows, new BarChart(title, "wall time (s)", categories, series, Series.spanTenfold(series)));
    }

    private static <T> Measured step(Work<T> work, RunOptions options, Strategy strategy, String label,
                                     PrintStream err) {
        List<? extends Task<T>> tasks = work.tasks().apply(strategy);
        List<? extends Task<T>> warmUp = work.warmUp().apply(strategy);
        try (ProgressBar bar = ProgressBar.start(err, label, tasks.size() + warmUp.size())) {
            return Measured.run(tasks, warmUp, options.listener(bar), strategy);
        }
    }

    private static Measured relabel(Measured m, String label) {
        return new Measured(m.row().withLabel(label), m.allocatedPerTask());
    }

    /** @return the row's wall time in seconds; NaN if it did not run */
    static double wallSeconds(Measured m) {
        return m.row().ran() ? m.row().wallTime().toNanos() / 1e9 : Double.NaN;
    }
}
