package dev.concurrency.examples.experiments;

import dev.concurrency.examples.text.ProgressBar;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.CompareOptions;
import dev.concurrency.Comparison;
import dev.concurrency.ComparisonRow;
import dev.concurrency.Concurrency;
import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;

import dev.concurrency.examples.report.BarChart;
import dev.concurrency.examples.report.Series;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape the CPU-bound and I/O-bound experiments share: the same tasks run
 * one at a time ({@code sequential}: {@code THREAD} with one thread), then
 * under each strategy, first without a GIL and then with {@code python3}'s,
 * in one table, with a chart of the wall times.
 */
final class GilComparison {

    static final String SEQUENTIAL = "sequential";
    /** Without a lock, then CPython 3's. */
    static final List<Gil> LOCKS = List.of(Gil.off(), Gil.python3());

    private GilComparison() {
    }

    /**
     * The table and its chart.
     *
     * @param comparison every row: sequential and each strategy, for each lock in turn
     * @param wallChart  wall time per strategy, a bar per lock
     */
    record Result(Comparison comparison, BarChart wallChart) {
    }

    /**
     * @param tasks      the tasks of every run
     * @param base       the run options (timeouts); strategy, GIL and bound are set here
     * @param warmUp     how many tasks each warm-up run takes
     * @param strategies the strategies after the sequential row
     * @param phase      the experiment's name, for progress
     * @param title      the chart's title
     * @param err        where progress goes
     */
    static <T> Result run(List<? extends Task<T>> tasks, RunOptions base, int warmUp, List<Strategy> strategies,
                          String phase, String title, PrintStream err) {
        List<ComparisonRow> rows = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        List<String> categories = new ArrayList<>(List.of(SEQUENTIAL));
        strategies.forEach(s -> categories.add(s.name()));
        for (Gil gil : LOCKS) {
            String lock = Figures.label(gil);
            long total = (long) (1 + strategies.size()) * (Math.min(warmUp, tasks.size()) + tasks.size());
            List<Double> walls = new ArrayList<>();
            try (ProgressBar bar = ProgressBar.start(err, phase + ": " + lock, total)) {
                RunOptions options = base.gil(gil).listener(bar);
                ComparisonRow sequential = Concurrency.compare(tasks,
                        CompareOptions.of(options.maxConcurrency(1)).warmUp(warmUp), Strategy.THREAD).rows().getFirst();
                rows.add(sequential.withLabel(SEQUENTIAL + ", " + lock));
                walls.add(wallSeconds(sequential));
                Comparison each = Concurrency.compare(tasks, CompareOptions.of(options).warmUp(warmUp),
                        strategies.toArray(Strategy[]::new));
                for (ComparisonRow row : each.rows()) {
                    rows.add(row.withLabel(row.label() + ", " + lock));
                    walls.add(wallSeconds(row));
                }
            }
            series.add(new Series(lock, walls));
        }
        return new Result(Comparison.of(rows), new BarChart(title, "wall time (s)", categories, series, false));
    }

    /** @return the row's wall time in seconds; NaN if it did not run */
    static double wallSeconds(ComparisonRow row) {
        return row.ran() ? row.wallTime().toNanos() / 1e9 : Double.NaN;
    }
}
