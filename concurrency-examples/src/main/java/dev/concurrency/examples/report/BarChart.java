package dev.concurrency.examples.report;

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
            String name = categories.get(c);
            svg.text(Svg.LEFT + c * group + group / 2, Svg.TOP + Svg.PLOT_HEIGHT + 16, "middle",
                    name.length() > 20 ? name.substring(0, 19) + "…" : name,
                    name.length() > 14 ? "font-size=\"9\"" : "font-size=\"11\"");
        }
        svg.legend(series.stream().map(Series::name).toList());
        return svg.end();
    }
}
