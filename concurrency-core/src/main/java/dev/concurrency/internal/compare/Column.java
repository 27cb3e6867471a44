package dev.concurrency.internal.compare;

import dev.concurrency.ComparisonRow;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One figure of a {@link ComparisonRow}, defined once for the text table, the
 * CSV and the JSON: its table heading ({@code null} for a column only the
 * exports have), its export key, its raw value (a {@link String}, a
 * {@link Number}, or {@code null} where it does not apply) and how the table
 * shows that value.
 *
 * @param heading the table heading; {@code null} if the table leaves it out
 * @param key     the CSV column and JSON key
 * @param value   the raw value of a row; called for rows that ran, or for every row if {@code descriptive}
 * @param shown   the table's text for a non-null raw value
 * @param descriptive whether it describes the row rather than measures it (present for rows that did not run)
 */
record Column(String heading, String key, Function<ComparisonRow, Object> value, Function<Object, String> shown,
              boolean descriptive) {

    static final String NONE = "-";
    private static final double MIB = 1024 * 1024;

    /** Every column, in order. */
    static final List<Column> ALL = List.of(
            describe("label", "label", ComparisonRow::label),
            describe(null, "strategy", r -> r.strategy().name()),
            describe(null, "gil", r -> r.gil().toString()),
            figure("tasks", "tasks", r -> (long) r.tasks(), Column::integer),
            figure("wall (s)", "wall_s", r -> seconds(r.wallTime()), v -> fixed(v, 3)),
            figure("cpu (s)", "cpu_s", r -> seconds(r.cpuTime()), v -> fixed(v, 3)),
            figure("tasks/s", "tasks_per_s", ComparisonRow::tasksPerSecond, v -> fixed(v, 1)),
            figure("p50 (ms)", "p50_ms", r -> millis(r.latencyP50()), v -> fixed(v, 3)),
            figure("p99 (ms)", "p99_ms", r -> millis(r.latencyP99()), v -> fixed(v, 3)),
            figure("peak threads", "peak_threads", r -> (long) r.peakThreads(), Column::integer),
            figure("peak heap (MiB)", "peak_heap_bytes", r -> r.memory().peakHeap(), v -> fixed(toDouble(v) / MIB, 1)),
            figure("peak RSS (MiB)", "peak_rss_bytes", r -> boxed(r.memory().peakResident()),
                    v -> fixed(toDouble(v) / MIB, 1)),
            figure("heap/task (B)", "heap_per_task_bytes", ComparisonRow::heapPerTask, v -> fixed(v, 0)),
            figure("RSS/task (B)", "rss_per_task_bytes",
                    r -> r.residentPerTask().isPresent() ? r.residentPerTask().getAsDouble() : null, v -> fixed(v, 0)),
            figure("GIL wait (s)", "gil_wait_s", r -> r.gilWait().map(Column::seconds).orElse(null), v -> fixed(v, 3)),
            figure("failures", "failures", r -> (long) r.failures(), Column::integer),
            figure("first failure", "first_failure", r -> r.firstFailure().orElse(null), String::valueOf),
            describe(null, "not_run", r -> r.notRunReason().orElse(null)));

    /** The GIL wait column's key: the table shows it only when a row ran with a GIL. */
    static final String GIL_WAIT = "gil_wait_s";

    /** @return the raw value for this row: {@code null} for a figure of a row that did not run */
    Object of(ComparisonRow row) {
        return descriptive || row.ran() ? value.apply(row) : null;
    }

    /** @return the table's text for this row's value, {@link #NONE} where there is none */
    String show(ComparisonRow row) {
        Object raw = of(row);
        return raw == null ? NONE : shown.apply(raw);
    }

    /** @return whether the table right-aligns it (numbers) */
    boolean rightAligned() {
        return !descriptive && !key.equals("first_failure");
    }

    private static Column describe(String heading, String key, Function<ComparisonRow, Object> value) {
        return new Column(heading, key, value, String::valueOf, true);
    }

    private static Column figure(String heading, String key, Function<ComparisonRow, Object> value,
                                 Function<Object, String> shown) {
        return new Column(heading, key, value, shown, false);
    }

    private static Object boxed(java.util.OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    private static double toDouble(Object number) {
        return ((Number) number).doubleValue();
    }

    private static String integer(Object number) {
        return Long.toString(((Number) number).longValue());
    }

    private static String fixed(Object number, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", toDouble(number));
    }
}
