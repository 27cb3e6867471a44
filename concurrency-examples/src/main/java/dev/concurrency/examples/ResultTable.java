package dev.concurrency.examples;

import dev.concurrency.Stats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Formats one row per run as an aligned text table: strategy, wall time,
 * tasks per second, peak threads, and wall time as a ratio of the baseline
 * row's (below 1 means faster than the baseline). A run that failed shows why
 * in place of its figures.
 *
 * <pre>{@code
 * String table = new ResultTable("sequential").format(List.of(
 *         ResultTable.Row.measured("sequential", stats1),
 *         ResultTable.Row.failed("THREAD", "failed: 3 of 200 tasks: ...")));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ResultTable {

    private static final String NONE = "-";

    private final String baseline;

    /**
     * @param baseline the strategy of the row the ratios are taken against
     */
    public ResultTable(String baseline) {
        this.baseline = Objects.requireNonNull(baseline, "baseline is null");
    }

    /** One line of the table. */
    public sealed interface Row {

        /** @return the strategy (the first column) */
        String strategy();

        /**
         * A run's figures.
         *
         * @param strategy    the first column
         * @param wallTime    the run's wall time
         * @param tasks       how many tasks it ran
         * @param peakThreads the most threads it had at once
         */
        record Measured(String strategy, Duration wallTime, int tasks, int peakThreads) implements Row {
        }

        /**
         * A run that did not produce figures.
         *
         * @param strategy the first column
         * @param reason   what is shown instead of the figures
         */
        record Failed(String strategy, String reason) implements Row {
        }

        /**
         * @param strategy the first column
         * @param stats    the run's figures
         * @return a row of figures
         */
        static Row measured(String strategy, Stats stats) {
            return new Measured(strategy, stats.wallTime(), stats.tasks().size(), stats.peakThreads());
        }

        /**
         * @param strategy the first column
         * @param reason   what is shown instead of the figures
         * @return a row that shows why the run failed
         */
        static Row failed(String strategy, String reason) {
            return new Failed(strategy, reason);
        }
    }

    /**
     * Formats the rows under a header line. Columns are separated by two
     * spaces; the strategy column is left-aligned, the figures right-aligned.
     * Lines end with {@code \n} and carry no trailing spaces.
     *
     * @param rows the rows, in the order to show them
     * @return the table
     */
    public String format(List<? extends Row> rows) {
        Duration baselineWall = baselineWall(rows);
        List<String> header = List.of("strategy", "wall (s)", "tasks/s", "peak threads", "vs " + baseline);
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        for (Row row : rows) {
            cells.add(switch (row) {
                case Row.Measured m -> List.of(m.strategy(),
                        fixed(seconds(m.wallTime()), 3),
                        fixed(tasksPerSecond(m), 1),
                        Integer.toString(m.peakThreads()),
                        baselineWall == null || baselineWall.isZero() ? NONE : fixed(ratio(m.wallTime(), baselineWall), 3));
                case Row.Failed f -> List.of(f.strategy(), f.reason());
            });
        }
        int[] widths = new int[header.size()];
        for (List<String> line : cells) {
            if (line.size() == header.size()) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], line.get(i).length());
                }
            } else {
                widths[0] = Math.max(widths[0], line.get(0).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder(pad(line.get(0), widths[0], false));
            for (int i = 1; i < line.size(); i++) {
                boolean failure = line.size() != header.size();
                text.append("  ").append(failure ? line.get(i) : pad(line.get(i), widths[i], true));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * @param row a run's figures
     * @return its tasks per second of wall time; 0 if the wall time is zero
     */
    static double tasksPerSecond(Row.Measured row) {
        double seconds = seconds(row.wallTime());
        return seconds == 0 ? 0 : row.tasks() / seconds;
    }

    /**
     * @param wall     a run's wall time
     * @param baseline the baseline's wall time, not zero
     * @return {@code wall / baseline}
     */
    static double ratio(Duration wall, Duration baseline) {
        return (double) wall.toNanos() / baseline.toNanos();
    }

    private Duration baselineWall(List<? extends Row> rows) {
        for (Row row : rows) {
            if (row.strategy().equals(baseline)) {
                return row instanceof Row.Measured m ? m.wallTime() : null;
            }
        }
        return null;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String pad(String text, int width, boolean right) {
        String gap = " ".repeat(Math.max(0, width - text.length()));
        return right ? gap + text : text + gap;
    }
}
