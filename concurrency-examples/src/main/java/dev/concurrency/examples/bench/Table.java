package dev.concurrency.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An aligned text table under a title line: the first column left-aligned,
 * the others right-aligned, two spaces apart, no trailing spaces. A message
 * row (a failure) shows its text in place of the figures.
 *
 * <p>Not thread-safe; build it on one thread.
 */
final class Table {

    /** Shown where a row has no figure. */
    static final String NONE = "-";

    private final String title;
    private final List<String> header;
    private final List<Line> rows = new ArrayList<>();

    /** A row: figures, one per column, or a label and a message in place of its figures. */
    private record Line(List<String> cells, boolean message) {
    }

    /**
     * @param title  the line above the table
     * @param header the column names
     */
    Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    /**
     * Adds a row of figures.
     *
     * @param cells one per column
     * @return this table
     */
    Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row: " + cells.length + " cells (expected: " + header.size() + ")");
        }
        rows.add(new Line(List.of(cells), false));
        return this;
    }

    /**
     * Adds a row that shows a message, such as why it could not be measured, in place of its figures.
     *
     * @param label   the first column
     * @param message printed after it as it is
     * @return this table
     */
    Table message(String label, String message) {
        rows.add(new Line(List.of(label, message), true));
        return this;
    }

    /** @return the title, the header and the rows, each line ended by {@code \n} */
    String format() {
        int[] widths = new int[header.size()];
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(header, false));
        lines.addAll(rows);
        for (Line line : lines) {
            for (int i = 0; i < (line.message() ? 1 : line.cells().size()); i++) {
                widths[i] = Math.max(widths[i], line.cells().get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(title).append('\n');
        for (Line line : lines) {
            List<String> cells = line.cells();
            StringBuilder text = new StringBuilder(pad(cells.get(0), widths[0], false));
            for (int i = 1; i < cells.size(); i++) {
                text.append("  ").append(line.message() ? cells.get(i) : pad(cells.get(i), widths[i], true));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** @return {@code value} with {@code decimals} digits after the point */
    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** @return {@code value} grouped in thousands: {@code 123,456} */
    static String grouped(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /**
     * @param samples at least one value
     * @return their median (the mean of the middle two for an even count)
     */
    static double median(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * @param passes whether a figure meets its target
     * @return {@code PASS} or {@code MISS}
     */
    static String verdict(boolean passes) {
        return passes ? "PASS" : "MISS";
    }

    private static String pad(String text, int width, boolean right) {
        String gap = " ".repeat(Math.max(0, width - text.length()));
        return right ? gap + text : text + gap;
    }
}
