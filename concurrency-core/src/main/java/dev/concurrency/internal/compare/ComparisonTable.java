package dev.concurrency.internal.compare;

import dev.concurrency.ComparisonRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats comparison rows as an aligned text table: two spaces between
 * columns, numbers right-aligned, text left-aligned, no trailing spaces. A
 * row that did not run shows {@code not run: <reason>} after its label.
 */
public final class ComparisonTable {

    private ComparisonTable() {
    }

    /**
     * @param rows the rows
     * @return the header line and one line per row, each ended by {@code \n}
     */
    public static String format(List<ComparisonRow> rows) {
        boolean anyGil = rows.stream().anyMatch(r -> !r.gil().isOff());
        List<Column> columns = Column.ALL.stream()
                .filter(c -> c.heading() != null && (anyGil || !c.key().equals(Column.GIL_WAIT)))
                .toList();
        List<List<String>> lines = new ArrayList<>();
        lines.add(columns.stream().map(Column::heading).toList());
        for (ComparisonRow row : rows) {
            lines.add(row.ran()
                    ? columns.stream().map(c -> c.show(row)).toList()
                    : List.of(row.label(), "not run: " + row.notRunReason().orElseThrow()));
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : lines) {
            int measured = line.size() == columns.size() ? line.size() : 1;
            for (int i = 0; i < measured; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                boolean figures = line.size() == columns.size();
                String cell = line.get(i);
                String gap = figures ? " ".repeat(widths[i] - cell.length()) : "";
                if (i > 0) {
                    text.append("  ");
                }
                text.append(i == 0 && !figures ? cell + " ".repeat(widths[0] - cell.length())
                        : figures && columns.get(i).rightAligned() ? gap + cell : cell + gap);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
