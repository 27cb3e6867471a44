package dev.concurrency;

import dev.concurrency.internal.compare.ComparisonExport;
import dev.concurrency.internal.compare.ComparisonTable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The same tasks run under several strategies, one {@link ComparisonRow} per
 * strategy: wall and CPU time, tasks per second, task latency percentiles,
 * peak threads and memory, GIL wait, failures, or why the strategy could not
 * run the tasks at all. Made by {@link Concurrency#compare}; prints as an
 * aligned text table and exports CSV and JSON.
 *
 * <pre>{@code
 * Comparison c = Concurrency.compare(tasks, Strategy.THREAD, Strategy.VIRTUAL_THREAD);
 * System.out.print(c.table());
 * Files.writeString(Path.of("comparison.csv"), c.toCsv());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Comparison {

    private final List<ComparisonRow> rows;

    private Comparison(List<ComparisonRow> rows) {
        this.rows = rows;
    }

    /**
     * A comparison of the given rows, in order: for instance rows of several
     * comparisons, relabelled with {@link ComparisonRow#withLabel(String)}, in one table.
     *
     * @param rows the rows
     * @return the comparison
     * @throws NullPointerException naming the first null row ({@code rows[2] is null})
     */
    public static Comparison of(List<ComparisonRow> rows) {
        Objects.requireNonNull(rows, "rows is null");
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == null) {
                throw new NullPointerException("rows[" + i + "] is null");
            }
        }
        return new Comparison(List.copyOf(rows));
    }

    /** {@return one row per strategy, in the order they ran} */
    public List<ComparisonRow> rows() {
        return rows;
    }

    /**
     * The row of one strategy.
     *
     * @param strategy a strategy

     * @return the first row of that strategy, if it was compared
     */
    public Optional<ComparisonRow> row(Strategy strategy) {
        return rows.stream().filter(r -> r.strategy() == strategy).findFirst();
    }

    /**
     * An aligned text table, one line per row, each ended by {@code \n}: label,
     * tasks, wall and CPU seconds, tasks/s, p50 and p99 latency in ms, peak
     * threads, peak heap and resident set in MiB, heap and resident growth per
     * task in bytes, GIL wait in seconds (only when a row ran with a GIL),
     * failures and the first failure. A row that did not run shows
     * {@code not run: <reason>} in place of its figures; a figure that could
     * not be measured (resident set off Linux) shows {@code -}.
     *
     * @return the table
     */
    public String table() {
        return ComparisonTable.format(rows);
    }

    /**
     * The rows as CSV (RFC 4180, a header line, {@code \n} line ends): times in
     * seconds or milliseconds as the column name says, memory in bytes, empty
     * cells where a figure does not apply or was not measured.
     *
     * @return the CSV text
     */
    public String toCsv() {
        return ComparisonExport.csv(rows);
    }

    /**
     * The rows as a JSON object {@code {"rows": [...]}}, each row an object
     * with the same keys as the CSV columns; {@code null} where a figure does
     * not apply or was not measured.
     *
     * @return the JSON text
     */
    public String toJson() {
        return ComparisonExport.json(rows);
    }

    /** {@return the {@link #table()}} */
    @Override
    public String toString() {
        return table();
    }
}
