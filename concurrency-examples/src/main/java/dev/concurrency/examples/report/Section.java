package dev.concurrency.examples.report;

import dev.concurrency.Comparison;
import java.util.List;
import java.util.Optional;

/**
 * One experiment's part of the report: its title, its tables as printed
 * (aligned text), its charts as SVG, and the comparison behind them, if any,
 * whose CSV and JSON the report offers too.
 *
 * @param title      the heading
 * @param text       the tables, as printed on stdout
 * @param charts     {@code <svg>} elements
 * @param comparison the figures behind the tables; {@code null} for an experiment that is not a comparison
 */
public record Section(String title, String text, List<String> charts, Comparison comparison) {

    /** Copies the charts. */
    public Section {
        charts = List.copyOf(charts);
    }

    /** @return the comparison, if the section has one */
    public Optional<Comparison> data() {
        return Optional.ofNullable(comparison);
    }
}
