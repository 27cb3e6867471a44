package dev.concurrency.examples.gil;

import dev.concurrency.examples.cli.CommandLine;
import dev.concurrency.examples.cli.Program;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The emulated GIL, measured: CPU-bound tasks side by side ({@code cpu}),
 * I/O-bound tasks ({@code io}) and the convoy effect on an echo server
 * ({@code convoy}), each printed as a table on stdout; progress goes to stderr.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp ... dev.concurrency.examples.gil.GilExperiment [cpu|io|convoy|all]... [--quick]
 * </pre>
 */
public final class GilExperiment {


    static final String USAGE = """
            usage: GilExperiment [cpu|io|convoy|all]... [--quick] [--repeat N] [--help]
              cpu          two CPU-bound tasks: sequential, THREAD without a GIL, with python3, with python2
              io           %d HTTP requests at once, without and with each GIL
              convoy       an echo server task alone and beside a CPU-bound task, python3 at 5, 1, 0.1 ms
              all          all three (the default)
              --quick      tiny sizes (fib of about 20 ms, 10 requests, 0.1 s windows), one run each
              --repeat N   runs per row of cpu and io, the median shown, > 0 (default %d and %d)
              --help       print this message
            """.formatted(Sizes.FULL.ioRequests(), Sizes.FULL.cpuRounds(), Sizes.FULL.ioRounds());

    private GilExperiment() {
    }

    /** Which experiments, in the order they run. */
    enum Experiment { CPU, IO, CONVOY }

    /**
     * How big each experiment is.
     *
     * @param fibTarget    how long one CPU-bound task should take alone
     * @param cpuRounds    runs per row of the CPU-bound table
     * @param ioRequests   requests per I/O-bound run
     * @param ioDelay      how long the server waits before answering each
     * @param ioRounds     runs per row of the I/O-bound table
     * @param convoyWarmUp round trips not counted at the start of each convoy row
     * @param convoyWindow how long each convoy row counts round trips
     */
    record Sizes(Duration fibTarget, int cpuRounds, int ioRequests, Duration ioDelay, int ioRounds,
                 Duration convoyWarmUp, Duration convoyWindow) {

        static final Sizes FULL = new Sizes(Duration.ofSeconds(1), 3, 100, Duration.ofMillis(50), 5,
                Duration.ofMillis(200), Duration.ofSeconds(2));
        static final Sizes QUICK = new Sizes(Duration.ofMillis(20), 1, 10, Duration.ofMillis(50), 1,
                Duration.ofMillis(20), Duration.ofMillis(100));

        Sizes withRounds(int rounds) {
            return new Sizes(fibTarget, rounds, ioRequests, ioDelay, rounds, convoyWarmUp, convoyWindow);
        }
    }

    /**
     * The parsed command line.
     *
     * @param experiments which experiments
     * @param sizes       how big
     */
    record Arguments(Set<Experiment> experiments, Sizes sizes) {

        static final Set<String> FLAGS = Set.of("--quick");
        static final Set<String> WITH_VALUE = Set.of("--repeat");

        /** @throws IllegalArgumentException naming the bad argument */
        static Arguments parse(String[] args) {
            return of(CommandLine.parse(args, FLAGS, WITH_VALUE));
        }

        /** @throws IllegalArgumentException naming the bad argument */
        static Arguments of(CommandLine line) {
            Set<Experiment> experiments = EnumSet.noneOf(Experiment.class);
            for (String word : line.words()) {
                switch (word) {
                    case "cpu" -> experiments.add(Experiment.CPU);
                    case "io" -> experiments.add(Experiment.IO);
                    case "convoy" -> experiments.add(Experiment.CONVOY);
                    case "all" -> experiments.addAll(EnumSet.allOf(Experiment.class));
                    default -> throw new IllegalArgumentException("experiment: '" + word
                            + "' (expected: one of cpu, io, convoy, all)");
                }
            }
            Sizes sizes = line.flag("--quick") ? Sizes.QUICK : Sizes.FULL;
            int repeat = line.positive("--repeat", 0);
            return new Arguments(experiments.isEmpty() ? EnumSet.allOf(Experiment.class) : experiments,
                    repeat == 0 ? sizes : sizes.withRounds(repeat));
        }
    }

    /**
     * Runs the experiments and exits with a non-zero status if it could not.
     *
     * @param args the options; see {@code --help}
     */
    public static void main(String[] args) {
        Program.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the chosen experiments, printing each table as it is done.
     *
     * @param args the arguments
     * @param out  where the tables go
     * @param err  where progress, errors and usage go
     * @return 0 when every table was printed (rows of failed runs included),
     *         1 if the HTTP server could not start, 2 for bad arguments
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(args, out, err, USAGE, Arguments.FLAGS, Arguments.WITH_VALUE, Arguments::of,
                GilExperiment::run);
    }

    private static int run(Arguments arguments, PrintStream out, PrintStream err) {
        out.printf(Locale.ROOT, "The GIL, measured: %d cores; Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        int status = 0;
        for (Experiment experiment : arguments.experiments()) {
            err.println("running: " + experiment.name().toLowerCase(Locale.ROOT));
            String table;
            try {
                table = switch (experiment) {
                    case CPU -> CpuBound.run(arguments.sizes(), err);
                    case IO -> IoBound.run(arguments.sizes(), err);
                    case CONVOY -> Convoy.run(arguments.sizes(), err);
                };
            } catch (IOException e) {
                err.println("error: cannot start the HTTP server: " + e);
                status = 1;
                continue;
            }
            out.println();
            out.print(table);
            out.flush();
        }
        return status;
    }
}
