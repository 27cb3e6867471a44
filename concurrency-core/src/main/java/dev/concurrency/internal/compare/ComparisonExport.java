package dev.concurrency.internal.compare;

import dev.concurrency.ComparisonRow;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes comparison rows as CSV and as JSON, by hand (the library depends on
 * no JSON library): the same columns, keys and raw values in both.
 */
public final class ComparisonExport {

    private ComparisonExport() {
    }

    /**
     * @param rows the rows
     * @return RFC 4180 CSV: a header of the keys, then one line per row; empty cells for missing values
     */
    public static String csv(List<ComparisonRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", Column.ALL.stream().map(Column::key).toList())).append('\n');
        for (ComparisonRow row : rows) {
            for (int i = 0; i < Column.ALL.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object value = Column.ALL.get(i).of(row);
                String text = value instanceof Number n ? number(n) : value == null ? null : csvText(value.toString());
                out.append(text == null ? "" : text);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * @param rows the rows
     * @return {@code {"rows": [{...}, ...]}}, one object per row keyed as the CSV columns
     */
    public static String json(List<ComparisonRow> rows) {
        StringBuilder out = new StringBuilder("{\"rows\": [");
        for (int r = 0; r < rows.size(); r++) {
            out.append(r == 0 ? "\n  {" : ",\n  {");
            for (int i = 0; i < Column.ALL.size(); i++) {
                Column column = Column.ALL.get(i);
                Object value = column.of(rows.get(r));
                out.append(i == 0 ? "" : ", ").append(jsonText(column.key())).append(": ")
                        .append(value instanceof Number n ? Objects.requireNonNullElse(number(n), "null")
                                : value == null ? "null" : jsonText(value.toString()));
            }
            out.append('}');
        }
        return out.append(rows.isEmpty() ? "]}\n" : "\n]}\n").toString();
    }

    /** @return the number as text: whole doubles without decimals, others with six; {@code null} for NaN and infinities */
    private static String number(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.6f", d);
        }
        return n.toString();
    }

    static String csvText(String text) {
        boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    static String jsonText(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
