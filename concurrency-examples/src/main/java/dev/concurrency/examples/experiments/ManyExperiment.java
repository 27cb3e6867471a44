package dev.concurrency.examples.experiments;

import dev.concurrency.Comparison;
import dev.concurrency.ComparisonRow;
import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.report.BarChart;
import dev.concurrency.examples.report.LineChart;
import dev.concurrency.examples.report.Section;
import dev.concurrency.examples.report.Series;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.ProgressBar;
import dev.concurrency.examples.text.Table;
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
 * memory each task costs (the bytes this JVM allocated during the run and the rise of the resident set
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
        List<Measured> rows = new ArrayList<>();
        for (int size : settings.sizes()) {
            int warmUp = size == settings.sizes().getFirst() ? Math.min(size, WARM_UP_TASKS) : 0;
            for (Strategy strategy : strategies) {
                if (!fits(settings, strategy, size)) {
                    rows.add(Measured.notRun(ComparisonRow.notRun(strategy.name(), strategy, Gil.off(),
                            StrategyCaps.reason(strategy, settings.cap(strategy).orElseThrow()))));
                    continue;
                }
                String label = String.format(Locale.ROOT, "many: %,d tasks: %s", size, strategy);
                try (ProgressBar bar = ProgressBar.start(err, label, warmUp + size)) {
                    rows.add(measure(settings, strategy, size, warmUp, bar));
                }
            }
        }
        String title = String.format(Locale.ROOT, "%s: %s tasks at once, each waiting %s s; per task: bytes"
                        + " allocated, rise of the resident set; caps: %s", TITLE,
                String.join(" / ", settings.sizes().stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList()),
                Figures.seconds(settings.waitTime()), StrategyCaps.describe(settings));
        Table table = RowTables.many(title, rows).takeaway(Takeaways.many(rows, settings.sizes().getLast()));
        return new Section(TITLE, "Thousands of tasks at once that only wait: what each costs in time, threads and"
                + " memory (allocated in this JVM per task, and the resident set's rise per task).", List.of(table),
                charts(settings, rows), Comparison.of(rows.stream().map(Measured::row).toList()));
    }

    private static boolean fits(Settings settings, Strategy strategy, int size) {
        return size <= settings.cap(strategy).orElse(Integer.MAX_VALUE);
    }

    private static Measured measure(Settings settings, Strategy strategy, int size, int warmUp, ProgressBar bar) {
        Task<Boolean> task = strategy == Strategy.CALLBACK ? new WaitTask.Async(settings.waitTime())
                : new WaitTask(settings.waitTime());
        RunOptions options = RunOptions.of(strategy).maxConcurrency(size)
                .taskTimeout(settings.waitTime().plus(TIMEOUT_SLACK)).listener(bar);
        if (strategy == Strategy.PROCESS) {
            options = options.workers(size); // a worker runs one task at a time: one worker per task, as THREAD
        }
        return Measured.run(Collections.nCopies(size, task), Collections.nCopies(warmUp, task), options, strategy);
    }

    /** Wall time per size (bars), bytes allocated and resident set per task against the size; log scales. */
    static List<String> charts(Settings settings, List<Measured> rows) {
        List<String> sizes = settings.sizes().stream().map(n -> String.format(Locale.ROOT, "%,d tasks", n)).toList();
        List<Double> xs = settings.sizes().stream().map(Integer::doubleValue).toList();
        List<Series> walls = series(settings, rows, GilComparison::wallSeconds);
        return List.of(
                new BarChart("Many tasks: wall time per strategy", "wall time (s)", sizes, walls,
                        Series.spanTenfold(walls)).toSvg(),
                new LineChart("Many tasks: bytes allocated per task", "tasks at once", "allocated per task (bytes)",
                        xs, series(settings, rows, Measured::allocatedPerTask), true).toSvg(),
                new LineChart("Many tasks: resident memory per task", "tasks at once", "resident set per task (bytes)",
                        xs, series(settings, rows, m -> m.row().residentPerTask().orElse(Double.NaN)), true).toSvg());
    }

    /** @return per strategy, the figure of each size's row; NaN where it did not run */
    private static List<Series> series(Settings settings, List<Measured> rows, ToDoubleFunction<Measured> figure) {
        List<Series> series = new ArrayList<>();
        int perSize = settings.strategies().size();
        for (int s = 0; s < perSize; s++) {
            List<Double> values = new ArrayList<>();
            for (int size = 0; size < settings.sizes().size(); size++) {
                Measured m = rows.get(size * perSize + s);
                values.add(m.row().ran() ? figure.applyAsDouble(m) : Double.NaN);
            }
            series.add(new Series(settings.strategies().get(s).name(), values));
        }
        return series;
    }
}
