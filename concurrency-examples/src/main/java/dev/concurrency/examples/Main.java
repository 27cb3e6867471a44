package dev.concurrency.examples;

import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.TaskFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The I/O-bound experiment: the same N HTTP requests to an embedded server that
 * answers after a fixed delay, run one at a time and then under every
 * {@link Strategy}, compared in one table on stdout. Progress goes to stderr.
 *
 * <pre>
 * ./mvnw -q -pl concurrency-examples -am -DskipTests package exec:exec -Dexec.args="--requests 500 --delay-ms 20"
 * </pre>
 */
public final class Main {

    /** The label of the baseline run: {@link Strategy#THREAD} with one thread. */
    static final String SEQUENTIAL = "sequential";

    static final int DEFAULT_REQUESTS = 200;
    static final int DEFAULT_DELAY_MS = 50;
    static final int WARM_UP_REQUESTS = 20;
    /** A task that takes this much longer than the server's delay is stuck; it times out rather than hang the program. */
    static final Duration TASK_TIMEOUT_SLACK = Duration.ofSeconds(30);

    static final String USAGE = """
            usage: Main [--requests N] [--delay-ms N] [--help]
              --requests N   HTTP requests per run, > 0 (default %d)
              --delay-ms N   how long the server waits before answering each, in ms, > 0 (default %d)
              --help         print this message
            A single leading dash works too (-requests 50).
            """.formatted(DEFAULT_REQUESTS, DEFAULT_DELAY_MS);

    private Main() {
    }

    /**
     * Runs the experiment and exits with a non-zero status if it could not.
     *
     * @param args the options; see {@code --help}
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the experiment.
     *
     * @param args the options
     * @param out  where the table goes
     * @param err  where progress, errors and usage go
     * @return the exit status: 0 when the table was printed (failed runs
     *         included), 1 if the server could not start, 2 for bad arguments
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (arguments.help()) {
            out.print(USAGE);
            return 0;
        }
        Duration delay = Duration.ofMillis(arguments.delayMs());
        try (DelayedHttpServer server = DelayedHttpServer.start(delay, arguments.requests())) {
            err.println("server: " + server);
            List<HttpRequestTask> tasks = requests(server.address(), arguments.requests());
            List<HttpRequestTask> warmUp = tasks.subList(0, Math.min(WARM_UP_REQUESTS, tasks.size()));
            List<Variant> variants = variants(delay);
            runEach(variants, warmUp, "warm-up", err);
            List<ResultTable.Row> rows = runEach(variants, tasks, "run", err);
            out.printf(Locale.ROOT, "I/O-bound: %d HTTP requests, server delay %d ms each; %d cores; Java %s%n",
                    arguments.requests(), arguments.delayMs(), Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            out.print(new ResultTable(SEQUENTIAL).format(rows));
            out.flush();
            return 0;
        } catch (IOException e) {
            err.println("error: cannot start the HTTP server: " + e);
            return 1;
        }
    }

    /** Runs the tasks once per variant, in order, logging each to {@code err}; one row per variant. */
    private static List<ResultTable.Row> runEach(List<Variant> variants, List<HttpRequestTask> tasks, String phase,
                                                 PrintStream err) {
        List<ResultTable.Row> rows = new ArrayList<>();
        for (Variant variant : variants) {
            err.println(phase + ": " + variant.label() + ", " + tasks.size() + " requests");
            ResultTable.Row row = measure(variant, tasks);
            if (row instanceof ResultTable.Row.Failed f) {
                err.println(phase + ": " + variant.label() + " " + f.reason());
            }
            rows.add(row);
        }
        return rows;
    }

    /** A labelled way to run the tasks: the sequential baseline, then each strategy with its defaults. */
    record Variant(String label, RunOptions options) {
    }

    static List<Variant> variants(Duration delay) {
        Duration timeout = delay.plus(TASK_TIMEOUT_SLACK);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(SEQUENTIAL, RunOptions.of(Strategy.THREAD).maxConcurrency(1).taskTimeout(timeout)));
        for (Strategy strategy : Strategy.values()) {
            variants.add(new Variant(strategy.name(), RunOptions.of(strategy).taskTimeout(timeout)));
        }
        return variants;
    }

    private static List<HttpRequestTask> requests(InetSocketAddress server, int count) {
        return IntStream.range(0, count).mapToObj(i -> new HttpRequestTask(server, DelayedHttpServer.PATH)).toList();
    }

    /**
     * Runs the tasks once; a run that throws, or any of whose tasks does not
     * succeed, becomes a failed row.
     */
    static ResultTable.Row measure(Variant variant, List<HttpRequestTask> tasks) {
        Results<Integer> results;
        try {
            results = Concurrency.run(tasks, variant.options());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return ResultTable.Row.failed(variant.label(), "failed: run threw " + e);
        }
        String failure = failure(results);
        return failure == null
                ? ResultTable.Row.measured(variant.label(), results.stats())
                : ResultTable.Row.failed(variant.label(), failure);
    }

    /**
     * @param results a run's results
     * @return {@code failed: 3 of 200 tasks: <first error>}, or {@code null} if every task succeeded
     */
    public static String failure(Results<?> results) {
        int failed = 0;
        String first = null;
        for (int i = 0; i < results.size(); i++) {
            Outcome<?> outcome = results.outcome(i);
            if (!outcome.isSuccess()) {
                failed++;
                if (first == null) {
                    first = new TaskFailedException(results.tasks().get(i), outcome).getMessage();
                }
            }
        }
        return failed == 0 ? null : "failed: " + failed + " of " + results.size() + " tasks: " + first;
    }

    /**
     * The parsed command line.
     *
     * @param requests how many requests per run
     * @param delayMs  the server's delay in ms
     * @param help     whether {@code --help} was given
     */
    record Arguments(int requests, int delayMs, boolean help) {

        /**
         * @throws IllegalArgumentException naming the bad option or value
         */
        static Arguments parse(String[] args) {
            int requests = DEFAULT_REQUESTS;
            int delayMs = DEFAULT_DELAY_MS;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String option = arg.length() > 2 && arg.startsWith("-") && !arg.startsWith("--") ? "-" + arg : arg;
                switch (option) {
                    case "--help", "-h" -> help = true;
                    case "--requests" -> requests = positive(arg, value(args, ++i, arg));
                    case "--delay-ms" -> delayMs = positive(arg, value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option: '" + arg + "'");
                }
            }
            return new Arguments(requests, delayMs, help);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + ": missing value (expected: a whole number > 0)");
            }
            return args[i];
        }

        private static int positive(String option, String text) {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + text + "' (expected: a whole number > 0)");
            }
            if (value <= 0) {
                throw new IllegalArgumentException(option + ": " + value + " (expected: > 0)");
            }
            return value;
        }
    }
}
