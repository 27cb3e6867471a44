package dev.concurrency.examples.report;

import dev.concurrency.Comparison;
import dev.concurrency.examples.text.Table;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One experiment's part of the report: its title, one line on what it shows,
 * its tables (each with its takeaway), its charts as SVG, and the comparison
 * behind them, if any, whose CSV and JSON the report offers too.
 *
 * @param title      the heading
 * @param about      one line on what the experiment runs and what to look for
 * @param tables     the tables, in order
 * @param charts     {@code <svg>} elements
 * @param comparison the figures behind the tables; {@code null} for an experiment that is not a comparison
 */
public record Section(String title, String about, List<Table> tables, List<String> charts, Comparison comparison) {

    /** Copies the lists. */
    public Section {
        tables = List.copyOf(tables);
        charts = List.copyOf(charts);
    }

    /** @return the tables as the terminal shows them, a blank line between two */
    public String text() {
        return tables.stream().map(Table::format).collect(Collectors.joining("\n"));
    }

    /** @return the comparison, if the section has one */
    public Optional<Comparison> data() {
        return Optional.ofNullable(comparison);
    }
}
