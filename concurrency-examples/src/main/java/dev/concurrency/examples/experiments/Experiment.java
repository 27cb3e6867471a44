package dev.concurrency.examples.experiments;

import dev.concurrency.examples.report.Section;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The main program's experiments, in the order {@code all} runs them. */
public enum Experiment {

    /** CPU-bound tasks: sequential, each strategy, without and with a GIL. */
    CPU("CPU-bound tasks: sequential, each strategy, without and with a GIL"),
    /** HTTP requests to a server that answers after a delay: sequential, each strategy, without and with a GIL. */
    IO("HTTP requests to an embedded server with a fixed delay: sequential, each strategy, without and with a GIL"),
    /** Thousands of tasks at once, each waiting: wall time and memory per task. */
    MANY("1,000 / 10,000 (/ 100,000 with --full) tasks at once, each waiting 1 s: wall time, memory per task"),
    /** The GIL's convoy effect on an echo server beside a CPU-bound task. */
    CONVOY("the GIL convoy effect: an echo server beside a CPU-bound task"),
    /** One echo server per strategy under load from another JVM: requests/s, latency, threads, memory. */
    SERVE("an echo server per strategy, with and without a GIL, loaded from another JVM: requests/s, latency,"
            + " memory");

    private final String description;

    Experiment(String description) {
        this.description = description;
    }

    /** @return the name on the command line: {@code cpu}, {@code io}, {@code many}, {@code convoy}, {@code serve} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return one line on what it measures */
    public String description() {
        return description;
    }

    /**
     * @param id a command-line name
     * @return the experiment of that name, if any
     */
    public static Optional<Experiment> named(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * Runs the experiment.
     *
     * @param settings how big, which strategies
     * @param err      where progress goes
     * @return its section of the report: the tables as printed, and the charts
     * @throws IOException if the I/O-bound experiment's server, or the load generator of {@code serve}, cannot start
     */
    public Section run(Settings settings, PrintStream err) throws IOException {
        return switch (this) {
            case CPU -> CpuExperiment.run(settings, err);
            case IO -> IoExperiment.run(settings, err);
            case MANY -> ManyExperiment.run(settings, err);
            case CONVOY -> ConvoyExperiment.run(settings, err);
            case SERVE -> ServeExperiment.run(settings, err);
        };
    }
}
