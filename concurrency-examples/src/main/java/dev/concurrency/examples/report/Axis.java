package dev.concurrency.examples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps values onto a span of pixels, linearly or on a log scale, and picks
 * the ticks to label: "nice" steps (1, 2 or 5 times a power of ten) on a
 * linear axis, powers of ten on a log one. Immutable.
 */
final class Axis {

    private final double min;
    private final double max;
    private final boolean log;

    private Axis(double min, double max, boolean log) {
        this.min = min;
        this.max = max;
        this.log = log;
    }

    /**
     * @param values the values to show (NaN and, on a log axis, values {@code <= 0} are left out)
     * @param log    whether the scale is logarithmic
     * @return an axis from 0 (linear) or the power of ten below the smallest value (log; a decade lower if the
     *         smallest is under twice that power) to a tick at or above the largest
     */
    static Axis fitting(List<Double> values, boolean log) {
        return fitting(values, log, true);
    }

    /**
     * @param xs  the positions to show along a horizontal axis
     * @param log whether the scale is logarithmic
     * @return an axis as {@link #fitting}, but a log one starts at the power of ten at or below the smallest
     *         value: there are no bars to keep from being slivers
     */
    static Axis across(List<Double> xs, boolean log) {
        return fitting(xs, log, false);
    }

    private static Axis fitting(List<Double> values, boolean log, boolean roomBelow) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isNaN(v) || (log && v <= 0)) {
                continue;
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (log) {
            if (hi == Double.NEGATIVE_INFINITY) {
                return new Axis(1, 10, true);
            }
            double top = Math.pow(10, Math.ceil(Math.log10(hi)));
            double bottom = Math.pow(10, Math.floor(Math.log10(lo)));
            if (roomBelow && lo < 2 * bottom) {
                bottom /= 10; // a bar just above the axis's bottom would be a sliver: start a decade lower
            }
            return new Axis(bottom, top > bottom ? top : bottom * 10, true);
        }
        if (hi == Double.NEGATIVE_INFINITY || hi <= 0) {
            return new Axis(0, 1, false);
        }
        double step = step(hi);
        return new Axis(0, Math.ceil(hi / step) * step, false);
    }

    /** @return a step of 1, 2 or 5 times a power of ten that cuts {@code 0..hi} into about five */
    private static double step(double hi) {
        double raw = hi / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    boolean isLog() {
        return log;
    }

    /** @return where {@code value} falls, 0 at the axis's minimum to 1 at its maximum (clamped) */
    double fraction(double value) {
        double f = log
                ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
        return Math.max(0, Math.min(1, f));
    }

    /** @return the values to mark with a tick and label, ascending */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double t = min; t <= max * 1.0001; t *= 10) {
                ticks.add(t);
            }
        } else {
            double step = step(max);
            for (int i = 0; i * step <= max * 1.0001; i++) {
                ticks.add(i * step);
            }
        }
        return ticks;
    }

    /** @return a short label: {@code 0.25}, {@code 40}, {@code 10k}, {@code 1M} */
    static String label(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e6 && value % 1e6 == 0) {
            return String.format(Locale.ROOT, "%.0fM", value / 1e6);
        }
        if (abs >= 1e3 && value % 1e3 == 0) {
            return String.format(Locale.ROOT, "%.0fk", value / 1e3);
        }
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value).replaceAll("\\.?0+$", "");
    }
}
