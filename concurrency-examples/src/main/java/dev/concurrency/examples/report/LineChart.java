package dev.concurrency.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: x values along the bottom (on a log scale if
 * asked), one line with dots per series, the values on a log scale where they
 * span more than ten times; a missing value ({@code NaN}) breaks
 * its line. Immutable.
 *
 * <pre>{@code
 * String svg = new LineChart("heap per task", "tasks", "bytes", List.of(1e3, 1e4, 1e5),
 *         List.of(new Series("VIRTUAL_THREAD", List.of(1400.0, 1300.0, 1270.0))), true).toSvg();
 * }</pre>
 *
 * @param title  the title above the chart
 * @param xLabel what the x values are
 * @param yLabel what the values are
 * @param xs     the x values, ascending
 * @param series the lines, each with one value per x value
 * @param logX   whether the x axis is logarithmic
 */
public record LineChart(String title, String xLabel, String yLabel, List<Double> xs, List<Series> series,
                        boolean logX) {

    /**
     * @throws IllegalArgumentException if a series has not one value per x value
     */
    public LineChart {
        xs = List.copyOf(xs);
        series = Series.eachOfLength(series, xs.size(), "x value");
    }

    /** @return the chart as an {@code <svg>} element */
    public String toSvg() {
        Svg svg = new Svg(title, yLabel);
        Axis yAxis = Axis.fitting(series.stream().flatMap(s -> s.values().stream()).toList(),
                Series.spanTenfold(series));
        Axis xAxis = Axis.across(xs, logX);
        svg.valueAxis(yAxis);
        for (double tick : xAxis.ticks()) {
            double x = x(xAxis, tick);
            svg.line(x, Svg.TOP + Svg.PLOT_HEIGHT, x, Svg.TOP + Svg.PLOT_HEIGHT + 4, "#333333");
            svg.text(x, Svg.TOP + Svg.PLOT_HEIGHT + 16, "middle", Axis.label(tick), "");
        }
        svg.text(Svg.LEFT + Svg.PLOT_WIDTH / 2.0, Svg.HEIGHT - 20, "middle",
                xLabel + (logX ? " (log scale)" : ""), "");
        for (int s = 0; s < series.size(); s++) {
            List<double[]> run = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                double value = series.get(s).values().get(i);
                if (Double.isNaN(value)) {
                    draw(svg, run, s);
                    run = new ArrayList<>();
                    continue;
                }
                double[] point = {x(xAxis, xs.get(i)), Svg.y(yAxis, value)};
                run.add(point);
                svg.dot(point[0], point[1], Svg.colour(s), String.format(Locale.ROOT, "%s at %s: %s",
                        series.get(s).name(), Axis.label(xs.get(i)), Axis.label(value)));
            }
            draw(svg, run, s);
        }
        svg.legend(series.stream().map(Series::name).toList());
        return svg.end();
    }

    private static void draw(Svg svg, List<double[]> run, int series) {
        if (run.size() > 1) {
            svg.polyline(run, Svg.colour(series));
        }
    }

    private static double x(Axis axis, double value) {
        return Svg.LEFT + Svg.PLOT_WIDTH * axis.fraction(value);
    }
}
