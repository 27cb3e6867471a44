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
import dev.concurrency.examples.report.LineChart;
import dev.concurrency.examples.report.Section;
import dev.concurrency.examples.report.Series;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Many tasks at once, each only waiting: for each size, every strategy runs
 * that many tasks all at once ({@code maxConcurrency} = the size, so
 * {@code THREAD} has a thread per task); the table shows wall time and the
 * memory each task costs (the rise of heap in use and of the resident set
 * over the run's start, divided by the tasks). {@code CALLBACK} runs the
 * tasks' callback-style form. A size above a strategy's cap
 * ({@link StrategyCaps}) gives it a row saying so.
 */
final class ManyExperiment {

    static final String TITLE = "Many tasks";
    /** Tasks the warm-up of the first size takes, at most; later sizes run warm. */
    static final int WARM_UP_TASKS = 100;
    /** A task that takes this much longer than its wait is stuck; it times out rather than hang. */
    static final Duration TIMEOUT_SLACK = Duration.ofSeconds(60);

    private ManyExperiment() {
    }

    static Section run(Settings settings, PrintStream err) {
        List<Strategy> strategies = settings.strategies();
        List<ComparisonRow> rows = new ArrayList<>();
        for (int size : settings.sizes()) {
            int warmUp = size == settings.sizes().getFirst() ? Math.min(size, WARM_UP_TASKS) : 0;
            long total = strategies.stream().filter(s -> fits(settings, s, size)).count() * (warmUp + size);
            try (ProgressBar bar = ProgressBar.start(err, String.format(Locale.ROOT, "many: %,d tasks", size), total)) {
                for (Strategy strategy : strategies) {
                    rows.add(fits(settings, strategy, size)
                            ? measure(settings, strategy, size, warmUp, bar)
                            : ComparisonRow.notRun(strategy.name(), strategy, Gil.off(),
                                    StrategyCaps.reason(strategy, settings.cap(strategy).orElseThrow())));
                }
            }
        }
        Comparison comparison = Comparison.of(rows);
        String title = String.format(Locale.ROOT, "%s: %s tasks at once, each waiting %s s; memory per task ="
                        + " rise of heap / resident set over the run's start, per task; caps (most tasks at once): %s",
                TITLE, String.join(" / ", settings.sizes().stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList()),
                Figures.seconds(settings.waitTime()), StrategyCaps.describe(settings));
        return new Section(TITLE, title + "\n" + comparison.table(), charts(settings, comparison), comparison);
    }

    private static boolean fits(Settings settings, Strategy strategy, int size) {
        return size <= settings.cap(strategy).orElse(Integer.MAX_VALUE);
    }

    private static ComparisonRow measure(Settings settings, Strategy strategy, int size, int warmUp, ProgressBar bar) {
        Task<Boolean> task = strategy == Strategy.CALLBACK ? new WaitTask.Async(settings.waitTime())
                : new WaitTask(settings.waitTime());
        RunOptions options = RunOptions.of(strategy).maxConcurrency(size)
                .taskTimeout(settings.waitTime().plus(TIMEOUT_SLACK)).listener(bar);
        if (strategy == Strategy.PROCESS) {
            options = options.workers(size); // a worker runs one task at a time: one worker per task, as THREAD
        }
        return Concurrency.compare(Collections.nCopies(size, task), CompareOptions.of(options).warmUp(warmUp), strategy)
                .rows().getFirst();
    }

    /** Wall time per size (bars), heap and resident set per task against the size (log scale). */
    static List<String> charts(Settings settings, Comparison comparison) {
        List<String> sizes = settings.sizes().stream().map(n -> String.format(Locale.ROOT, "%,d tasks", n)).toList();
        List<Double> xs = settings.sizes().stream().map(Integer::doubleValue).toList();
        return List.of(
                new BarChart("Many tasks: wall time per strategy", "wall time (s)", sizes,
                        series(settings, comparison, GilComparison::wallSeconds), false).toSvg(),
                new LineChart("Many tasks: heap per task", "tasks at once", "heap per task (bytes)", xs,
                        series(settings, comparison, ComparisonRow::heapPerTask), true).toSvg(),
                new LineChart("Many tasks: resident memory per task", "tasks at once", "resident set per task (bytes)",
                        xs, series(settings, comparison, r -> r.residentPerTask().orElse(Double.NaN)), true).toSvg());
    }

    /** @return per strategy, the figure of each size's row; NaN where it did not run */
    private static List<Series> series(Settings settings, Comparison comparison, ToDoubleFunction<ComparisonRow> figure) {
        List<Series> series = new ArrayList<>();
        List<ComparisonRow> rows = comparison.rows();
        int perSize = settings.strategies().size();
        for (int s = 0; s < perSize; s++) {
            List<Double> values = new ArrayList<>();
            for (int size = 0; size < settings.sizes().size(); size++) {
                ComparisonRow row = rows.get(size * perSize + s);
                values.add(row.ran() ? figure.applyAsDouble(row) : Double.NaN);
            }
            series.add(new Series(settings.strategies().get(s).name(), values));
        }
        return series;
    }
}
