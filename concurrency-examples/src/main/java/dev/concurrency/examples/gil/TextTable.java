package dev.concurrency.examples.gil;

import dev.concurrency.Gil;
import dev.concurrency.GilStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An aligned text table: the first column left-aligned, the others
 * right-aligned, two spaces between columns, no trailing spaces. A note row
 * shows a label and then free text (why a row has no figures) in place of
 * the figures. Also the number formats the GIL tables share. Not thread-safe.
 */
public final class TextTable {

    /** Shown in a figure's place where it does not apply (GIL figures without a GIL). */
    static final String NONE = "-";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row of figures, one cell per column. */
    TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("cells: " + cells.length + " (expected: " + header.size() + ")");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Adds a row that shows {@code text} in place of the figures. */
    TextTable note(String label, String text) {
        rows.add(List.of(label, text));
        return this;
    }

    /** @return the header and the rows, each line ended by {@code \n} */
    String format() {
        int[] widths = new int[header.size()];
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        for (List<String> line : lines) {
            boolean note = line.size() != header.size();
            for (int i = 0; i < (note ? 1 : widths.length); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            boolean note = line.size() != header.size();
            StringBuilder text = new StringBuilder(pad(line.get(0), widths[0], false));
            for (int i = 1; i < line.size(); i++) {
                text.append("  ").append(note ? line.get(i) : pad(line.get(i), widths[i], true));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String gap = " ".repeat(Math.max(0, width - text.length()));
        return right ? gap + text : text + gap;
    }

    /** @return {@code value} with {@code decimals} decimals */
    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * @param d a duration
     * @return the duration in seconds, 3 decimals
     */
    public static String seconds(Duration d) {
        return fixed(d.toNanos() / 1e9, 3);
    }

    /**
     * @param d a duration
     * @return the duration in milliseconds without trailing zeros: {@code 5 ms}, {@code 0.1 ms}
     */
    public static String millis(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 6).stripTrailingZeros().toPlainString() + " ms";
    }

    /**
     * @param gil a lock
     * @return {@code no GIL}, {@code python3, switch 5 ms} or {@code python2, check 100}
     */
    public static String label(Gil gil) {
        return switch (gil.kind()) {
            case OFF -> "no GIL";
            case PYTHON3 -> "python3, switch " + millis(gil.switchInterval().orElseThrow());
            case PYTHON2 -> "python2, check " + gil.checkInterval().orElseThrow();
        };
    }

    /** @return the GIL's forced drops, switches and wait in seconds; {@link #NONE} each without a GIL */
    static List<String> gilCells(Gil gil, GilStats stats) {
        if (gil.isOff()) {
            return List.of(NONE, NONE, NONE);
        }
        return List.of(Long.toString(stats.forcedDrops()), Long.toString(stats.switches()), seconds(stats.waitTime()));
    }
}
