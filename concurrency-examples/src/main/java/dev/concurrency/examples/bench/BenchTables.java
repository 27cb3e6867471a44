package dev.concurrency.examples.bench;

import dev.concurrency.examples.text.Table;
import java.io.PrintStream;
import java.util.List;

/** How the benchmark programs print: the machine's facts, then each table as it is measured. */
final class BenchTables {

    /** One measurement, which makes its table. */
    interface Step {
        Table measure() throws Exception;
    }

    /** Runs one named measurement. */
    interface Measurement {
        LoopBenchmark.Report measure(String name) throws Exception;
    }

    private BenchTables() {
    }

    /**
     * Prints the machine's facts, then each named measurement's tables as it
     * ends, a blank line before each; a measurement that throws prints
     * {@code <name>: failed: <error>} (its stack on {@code err}) and the rest go on.
     *
     * @return 0 when every measurement ran and none of its rows failed, 1 if not
     */
    static int print(PrintStream out, PrintStream err, List<String> names, Measurement measurement) {
        out.print(LoopBenchmark.machineFacts());
        out.flush();
        int failures = 0;
        for (String name : names) {
            LoopBenchmark.Report report;
            try {
                report = measurement.measure(name);
            } catch (Exception e) {
                err.println("error: " + name + " could not run: " + e);
                e.printStackTrace(err);
                out.println();
                out.println(name + ": failed: " + e);
                failures++;
                continue;
            }
            for (Table table : report.tables()) {
                out.println();
                out.print(table.format());
            }
            out.flush();
            failures += report.failures();
        }
        return failures == 0 ? 0 : 1;
    }

    /**
     * Prints the machine's facts, then each step's table, a blank line before each.
     *
     * @return the exit status: 0, or 1 (the error and its stack on {@code err}) if a step failed
     */
    static int print(PrintStream out, PrintStream err, List<Step> steps) {
        out.print(LoopBenchmark.machineFacts());
        try {
            for (Step step : steps) {
                out.println();
                out.print(step.measure().format());
            }
        } catch (Exception e) {
            err.println("error: " + e);
            e.printStackTrace(err);
            return 1;
        }
        return 0;
    }
}
