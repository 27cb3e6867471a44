package dev.concurrency.examples.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table of the example programs: a title, a header, rows of figures
 * or notes (a label and free text in place of the figures, such as why a row
 * did not run), and a one-line takeaway under it. It prints two ways: as
 * aligned text for the terminal, showing only the first {@code brief} columns
 * and never wider than {@link #WIDTH} characters, and as an HTML
 * {@code <table>} with every column, for the report.
 *
 * <pre>{@code
 * Table t = new Table("CPU-bound: 2 tasks", List.of("run", "wall (s)"), List.of("p99 (ms)"));
 * t.row("THREAD", "0.812", "811.0").takeaway("with a GIL, 2 threads take 1.9x as long as without");
 * System.out.print(t.format());
 * }</pre>
 *
 * <p>Not thread-safe; build it on one thread.
 */
public final class Table {

    /** The most characters a line of {@link #format()} takes. */
    public static final int WIDTH = 120;
    private static final String GAP = "  ";

    private final String title;
    private final List<String> header;
    private final int brief;
    private final List<Line> rows = new ArrayList<>();
    private String takeaway;

    /** A row: one cell per column, or a label and a note in place of the figures. */
    private record Line(List<String> cells, boolean note) {
    }

    /**
     * A table whose columns all show on the terminal.
     *
     * @param title  the line above it; {@code null} for none
     * @param header the column names
     */
    public Table(String title, String... header) {
        this(title, List.of(header), List.of());
    }

    /**
     * @param title  the line above it; {@code null} for none
     * @param brief  the columns the terminal shows, first in the report too
     * @param detail the columns only the report shows
     */
    public Table(String title, List<String> brief, List<String> detail) {
        if (brief.isEmpty()) {
            throw new IllegalArgumentException("brief: no columns (expected: at least the row label)");
        }
        this.title = title;
        List<String> all = new ArrayList<>(brief);
        all.addAll(detail);
        this.header = List.copyOf(all);
        this.brief = brief.size();
    }

    /**
     * Adds a row of figures.
     *
     * @param cells one per column, brief ones first
     * @return this table
     */
    public Table row(String... cells) {
        return row(List.of(cells));
    }

    /**
     * Adds a row of figures.
     *
     * @param cells one per column, brief ones first
     * @return this table
     */
    public Table row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row: " + cells.size() + " cells (expected: " + header.size() + ")");
        }
        rows.add(new Line(List.copyOf(cells), false));
        return this;
    }

    /**
     * Adds a row that shows a note, such as why it has no figures, in place of its figures.
     *
     * @param label the first column
     * @param note  the text after it
     * @return this table
     */
    public Table note(String label, String note) {
        rows.add(new Line(List.of(label, note), true));
        return this;
    }

    /**
     * Sets the line under the table saying what its numbers show.
     *
     * @param line one sentence, computed from the figures
     * @return this table
     */
    public Table takeaway(String line) {
        this.takeaway = line;
        return this;
    }

    /** @return the title, or {@code null} */
    public String title() {
        return title;
    }

    /** @return the takeaway line, or {@code null} if none was set */
    public String takeaway() {
        return takeaway;
    }

    /** @return every column name, brief ones first */
    public List<String> header() {
        return header;
    }

    /**
     * The terminal form: the title (wrapped), the brief columns aligned (the
     * first left, the others right), notes cut to fit, then the takeaway
     * (wrapped); no line is wider than {@link #WIDTH}; each ends with {@code \n}.
     *
     * @return the text
     */
    public String format() {
        List<String> shown = header.subList(0, brief);
        int[] widths = new int[brief];
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(shown, false));
        lines.addAll(rows);
        for (Line line : lines) {
            for (int i = 0; i < (line.note() ? 1 : brief); i++) {
                widths[i] = Math.max(widths[i], line.cells().get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (title != null) {
            wrap(title, "", out);
        }
        for (Line line : lines) {
            List<String> cells = line.cells();
            StringBuilder text = new StringBuilder(pad(cells.get(0), widths[0], false));
            if (line.note()) {
                text.append(GAP).append(cells.get(1));
            } else {
                for (int i = 1; i < brief; i++) {
                    text.append(GAP).append(pad(cells.get(i), widths[i], true));
                }
            }
            out.append(cut(text.toString().stripTrailing())).append('\n');
        }
        if (takeaway != null) {
            wrap("=> " + takeaway, "   ", out);
        }
        return out.toString();
    }

    /**
     * The report form: a {@code <table>} with every column, notes spanning the
     * figures, in a box that scrolls sideways if the page is narrower; the
     * title as its caption and the takeaway in a paragraph under it.
     *
     * @return the HTML
     */
    public String toHtml() {
        StringBuilder out = new StringBuilder("<div class=\"table\">\n<table>\n");
        if (title != null) {
            out.append("<caption>").append(Html.escape(title)).append("</caption>\n");
        }
        out.append("<thead><tr>");
        for (String name : header) {
            out.append("<th>").append(Html.escape(name)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Line line : rows) {
            out.append("<tr><th scope=\"row\">").append(Html.escape(line.cells().getFirst())).append("</th>");
            if (line.note()) {
                out.append("<td class=\"note\" colspan=\"").append(header.size() - 1).append("\">")
                        .append(Html.escape(line.cells().get(1))).append("</td>");
            } else {
                for (String cell : line.cells().subList(1, line.cells().size())) {
                    out.append("<td>").append(Html.escape(cell)).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
        if (takeaway != null) {
            out.append("<p class=\"takeaway\">").append(Html.escape(takeaway)).append("</p>\n");
        }
        return out.toString();
    }

    /**
     * @param text a paragraph
     * @return the text in lines of at most {@link #WIDTH} characters, broken at spaces, each ended by {@code \n}
     */
    public static String wrapped(String text) {
        StringBuilder out = new StringBuilder();
        wrap(text, "", out);
        return out.toString();
    }

    /** Appends {@code text} in lines of at most {@link #WIDTH}, broken at spaces, later lines indented. */
    static void wrap(String text, String indent, StringBuilder out) {
        String line = "";
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > WIDTH) {
                out.append(cut(line)).append('\n');
                line = indent + word;
            } else {
                line = line.isEmpty() ? word : line + " " + word;
            }
        }
        out.append(cut(line)).append('\n');
    }

    private static String cut(String line) {
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH - 1) + "…";
    }

    private static String pad(String text, int width, boolean right) {
        String gap = " ".repeat(Math.max(0, width - text.length()));
        return right ? gap + text : text + gap;
    }
}
