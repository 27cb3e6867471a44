package dev.concurrency.examples.experiments;

import dev.concurrency.ComparisonRow;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiments' rows as {@link Table}s: the figures that tell the story
 * first (these fit a terminal), the rest after them for the report. A row that
 * did not run shows why in place of its figures.
 */
final class RowTables {

    private static final List<String> DETAIL = List.of("tasks", "tasks/s", "p50 (ms)", "peak threads",
            "peak heap (MiB)", "peak RSS (MiB)", "first failure");

    private RowTables() {
    }

    /**
     * A table of a {@link GilComparison}: wall and CPU time, how many times
     * the sequential run's wall time (the sequential row with the same lock
     * above it), p99 latency, GIL wait and failures.
     *
     * @param title the line above it
     * @param rows  the rows, each lock's block starting with its sequential row
     * @return the table
     */
    static Table gil(String title, List<Measured> rows) {
        List<String> brief = List.of("run", "wall (s)", "cpu (s)", "x sequential", "p99 (ms)", "alloc/task",
                "GIL wait (s)", "failed");
        Table table = new Table(title, brief, DETAIL);
        Duration sequential = null;
        for (Measured m : rows) {
            ComparisonRow row = m.row();
            if (!row.ran()) {
                table.note(row.label(), "not run: " + row.notRunReason().orElse("?"));
                continue;
            }
            if (row.label().startsWith(GilComparison.SEQUENTIAL)) {
                sequential = row.wallTime();
            }
            List<String> cells = new ArrayList<>(List.of(row.label(), Figures.seconds(row.wallTime()),
                    Figures.seconds(row.cpuTime()),
                    sequential == null ? Figures.NONE : Figures.fixed(ratio(row.wallTime(), sequential), 2),
                    millis(row.latencyP99()), Figures.bytes(m.allocatedPerTask()),
                    row.gilWait().map(Figures::seconds).orElse(Figures.NONE), Integer.toString(row.failures())));
            cells.addAll(detail(row));
            table.row(cells);
        }
        return table;
    }

    /**
     * A table of the {@code many} experiment: per size and strategy, wall time,
     * p99 latency, peak threads, and what each task cost: bytes allocated and
     * the rise of the resident set.
     *
     * @param title the line above it
     * @param rows  the rows
     * @return the table
     */
    static Table many(String title, List<Measured> rows) {
        List<String> brief = List.of("run", "tasks", "wall (s)", "p99 (ms)", "peak threads", "alloc/task",
                "RSS/task", "failed");
        Table table = new Table(title, brief, List.of("cpu (s)", "tasks/s", "p50 (ms)", "peak heap (MiB)",
                "peak RSS (MiB)", "first failure"));
        for (Measured m : rows) {
            ComparisonRow row = m.row();
            if (!row.ran()) {
                table.note(row.label(), "not run: " + row.notRunReason().orElse("?"));
                continue;
            }
            table.row(row.label(), Figures.grouped(row.tasks()), Figures.seconds(row.wallTime()),
                    millis(row.latencyP99()), Figures.grouped(row.peakThreads()), Figures.bytes(m.allocatedPerTask()),
                    Figures.bytes(row.residentPerTask().orElse(Double.NaN)), Integer.toString(row.failures()),
                    Figures.seconds(row.cpuTime()), Figures.fixed(row.tasksPerSecond(), 1), millis(row.latencyP50()),
                    mebibytes(row.memory().peakHeap()),
                    row.memory().peakResident().isPresent() ? mebibytes(row.memory().peakResident().getAsLong())
                            : Figures.NONE,
                    row.firstFailure().orElse(Figures.NONE));
        }
        return table;
    }

    private static List<String> detail(ComparisonRow row) {
        return List.of(Integer.toString(row.tasks()), Figures.fixed(row.tasksPerSecond(), 1),
                millis(row.latencyP50()), Integer.toString(row.peakThreads()), mebibytes(row.memory().peakHeap()),
                row.memory().peakResident().isPresent() ? mebibytes(row.memory().peakResident().getAsLong())
                        : Figures.NONE,
                row.firstFailure().orElse(Figures.NONE));
    }

    static double ratio(Duration a, Duration b) {
        return (double) a.toNanos() / b.toNanos();
    }

    private static String millis(Duration d) {
        return Figures.fixed(d.toNanos() / 1e6, 1);
    }

    private static String mebibytes(long bytes) {
        return Figures.fixed(bytes / (1024.0 * 1024.0), 1);
    }
}
