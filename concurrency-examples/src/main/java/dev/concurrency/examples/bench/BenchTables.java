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

    private BenchTables() {
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
