package dev.concurrency.examples.report;

import java.util.List;

/**
 * One named line or set of bars of a chart: a value per category (bars) or per
 * x value (lines), {@link Double#NaN} where there is none (a strategy that did
 * not run).
 *
 * @param name   the legend's label
 * @param values the values, in the chart's order
 */
public record Series(String name, List<Double> values) {

    /** Copies the values. */
    public Series {
        values = List.copyOf(values);
    }

    /**
     * @param series a chart's series
     * @param count  how many values each must have
     * @param per    what each value is for, for the message: {@code category}, {@code x value}
     * @return a copy of the series
     * @throws IllegalArgumentException naming the first series with another number of values
     */
    static List<Series> eachOfLength(List<Series> series, int count, String per) {
        for (Series s : series) {
            if (s.values().size() != count) {
                throw new IllegalArgumentException("series '" + s.name() + "': " + s.values().size()
                        + " values (expected: one per " + per + ", " + count + ")");
            }
        }
        return List.copyOf(series);
    }

    /**
     * @param series a chart's series
     * @return whether their positive values span more than ten times, where a
     *         log scale keeps the small ones from shrinking to slivers
     */
    public static boolean spanTenfold(List<Series> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > 10 * lo;
    }
}
