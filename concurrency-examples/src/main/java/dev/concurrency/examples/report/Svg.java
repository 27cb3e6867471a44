package dev.concurrency.examples.report;

import dev.concurrency.examples.text.Html;
import java.util.List;
import java.util.Locale;

/**
 * Writes the elements of an inline SVG chart: a frame with a title, a
 * value axis with grid lines, a legend, and text escaped for XML. The charts
 * draw into a plot area of fixed size; coordinates are in pixels. Not
 * thread-safe.
 */
final class Svg {

    static final int WIDTH = 760;
    static final int HEIGHT = 360;
    static final int LEFT = 70;
    static final int RIGHT = 180;
    static final int TOP = 40;
    static final int BOTTOM = 60;
    static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    static final int PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
    /** One colour per series, in order (colour-blind friendly: Okabe and Ito). */
    private static final List<String> COLOURS = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
            "#D55E00", "#F0E442", "#000000");

    private final StringBuilder out = new StringBuilder();

    /** Starts a chart with its title and the label of its value (vertical) axis. */
    Svg(String title, String yLabel) {
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\" role=\"img\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        out.append("<title>").append(escape(title)).append("</title>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(WIDTH / 2.0, 22, "middle", title, "font-size=\"14\" font-weight=\"bold\"");
        out.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n", TOP + PLOT_HEIGHT / 2.0, escape(yLabel)));
    }

    static String colour(int series) {
        return COLOURS.get(series % COLOURS.size());
    }

    /** @return the y pixel of a value on the vertical axis */
    static double y(Axis axis, double value) {
        return TOP + PLOT_HEIGHT * (1 - axis.fraction(value));
    }

    /** Draws the vertical axis's grid lines and tick labels, and the plot's frame. */
    void valueAxis(Axis axis) {
        for (double tick : axis.ticks()) {
            double y = y(axis, tick);
            line(LEFT, y, LEFT + PLOT_WIDTH, y, "#dddddd");
            text(LEFT - 6, y + 4, "end", Axis.label(tick), "");
        }
        line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "#333333");
        line(LEFT, TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT, "#333333");
        if (axis.isLog()) {
            text(LEFT, TOP - 6, "start", "log scale", "fill=\"#666666\" font-size=\"10\"");
        }
    }

    /** Draws the legend right of the plot: one coloured square and name per series. */
    void legend(List<String> series) {
        for (int i = 0; i < series.size(); i++) {
            double y = TOP + 10 + i * 18;
            rect(LEFT + PLOT_WIDTH + 14, y - 9, 10, 10, colour(i), null);
            text(LEFT + PLOT_WIDTH + 30, y, "start", series.get(i), "");
        }
    }

    void line(double x1, double y1, double x2, double y2, String colour) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                x1, y1, x2, y2, colour));
    }

    void rect(double x, double y, double width, double height, String colour, String tooltip) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
                x, y, width, height, colour));
        if (tooltip != null) {
            out.append("<title>").append(escape(tooltip)).append("</title>");
        }
        out.append("</rect>\n");
    }

    void polyline(List<double[]> points, String colour) {
        StringBuilder coordinates = new StringBuilder();
        for (double[] p : points) {
            coordinates.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        }
        out.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                coordinates.toString().strip(), colour));
    }

    void dot(double x, double y, String colour, String tooltip) {
        out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s</title></circle>%n",
                x, y, colour, escape(tooltip)));
    }

    void text(double x, double y, String anchor, String text, String attributes) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n",
                x, y, anchor, attributes, escape(text)));
    }

    /** Writes lines of text centred under one another, the first at {@code y}. */
    void lines(double x, double y, List<String> lines, String attributes) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" %s>", x, y,
                attributes));
        for (int i = 0; i < lines.size(); i++) {
            out.append(String.format(Locale.ROOT, "<tspan x=\"%.1f\" dy=\"%s\">%s</tspan>", x, i == 0 ? "0" : "1.15em",
                    escape(lines.get(i))));
        }
        out.append("</text>\n");
    }

    /** @return the finished SVG element */
    String end() {
        return out.append("</svg>\n").toString();
    }

    /** @return the text with XML's special characters escaped */
    static String escape(String text) {
        return Html.escape(text);
    }
}
