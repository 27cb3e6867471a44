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
}
