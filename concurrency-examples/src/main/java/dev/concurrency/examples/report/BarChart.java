package dev.concurrency.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart as inline SVG: one group per category along the
 * bottom, one bar per series in each group; a missing value ({@code NaN})
 * leaves a gap marked "n/a". Immutable.
 *
 * <pre>{@code
 * String svg = new BarChart("wall time", "seconds", List.of("THREAD", "EVENT_LOOP"),
 *         List.of(new Series("no GIL", List.of(0.5, 1.0))), false).toSvg();
 * }</pre>
 *
 * @param title      the title above the chart
 * @param yLabel     what the values are
 * @param categories the groups, left to right
 * @param series     the bars of each group, each with one value per category
 * @param logY       whether the value axis is logarithmic
 */
public record BarChart(String title, String yLabel, List<String> categories, List<Series> series, boolean logY) {

    /**
     * @throws IllegalArgumentException if a series has not one value per category
     */
    public BarChart {
        categories = List.copyOf(categories);
        series = Series.eachOfLength(series, categories.size(), "category");
    }

    /** @return the chart as an {@code <svg>} element */
    public String toSvg() {
        Svg svg = new Svg(title, yLabel);
        Axis axis = Axis.fitting(series.stream().flatMap(s -> s.values().stream()).toList(), logY);
        svg.valueAxis(axis);
        double group = (double) Svg.PLOT_WIDTH / Math.max(1, categories.size());
        double bar = group * 0.8 / Math.max(1, series.size());
        double base = Svg.TOP + Svg.PLOT_HEIGHT;
        for (int c = 0; c < categories.size(); c++) {
            double left = Svg.LEFT + c * group + group * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double value = series.get(s).values().get(c);
                double x = left + s * bar;
                if (Double.isNaN(value)) {
                    svg.text(x + bar / 2, base - 4, "middle", "n/a", "font-size=\"9\" fill=\"#999999\"");
                    continue;
                }
                double top = Svg.y(axis, value);
                svg.rect(x, top, Math.max(1, bar - 2), Math.max(0.5, base - top), Svg.colour(s),
                        String.format(Locale.ROOT, "%s, %s: %s", categories.get(c), series.get(s).name(),
                                Axis.label(value)));
            }
            svg.lines(Svg.LEFT + c * group + group / 2, Svg.TOP + Svg.PLOT_HEIGHT + 16,
                    wrap(categories.get(c), Math.max(6, (int) (group / 7))), "font-size=\"11\"");
        }
        svg.legend(series.stream().map(Series::name).toList());
        return svg.end();
    }

    /**
     * Breaks a category name into lines of about {@code width} characters, after
     * spaces and underscores, so that neighbouring labels never run together;
     * at most three lines, the last cut short with an ellipsis if need be.
     *
     * @param name  the label
     * @param width characters a line may take
     * @return the lines, top first
     */
    static List<String> wrap(String name, int width) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == ' ' || ch == '_') {
                words.add(name.substring(start, ch == '_' ? i + 1 : i));
                start = i + 1;
            }
        }
        words.add(name.substring(start));
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : words) {
            if (!line.isEmpty() && line.length() + word.length() + 1 > width) {
                lines.add(line);
                line = "";
            }
            line = line.isEmpty() || line.endsWith("_") ? line + word : line + " " + word;
        }
        lines.add(line);
        if (lines.size() > 3) {
            lines = new ArrayList<>(lines.subList(0, 3));
            lines.set(2, lines.get(2) + "…");
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.length() > width + 2) {
                lines.set(i, l.substring(0, width + 1) + "…");
            }
        }
        return lines;
    }
}
