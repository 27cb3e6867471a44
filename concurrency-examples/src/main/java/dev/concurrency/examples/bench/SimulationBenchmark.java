package dev.concurrency.examples.bench;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.cli.CommandLine;
import dev.concurrency.examples.cli.Program;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a simulated run costs ({@code RunOptions.simulated(seed)}):
 * <ul>
 *   <li>per suspension: the same tasks (100 tasks, each suspending at
 *       {@code checkpoint()} in turn) under {@code EVENT_LOOP} and
 *       {@code CALLBACK}, simulated and not, in the same run (target: a
 *       simulated run at most 2x the real one);</li>
 *   <li>seeds explored per second: a 10-task racy set (each task reads a
 *       shared counter, suspends, writes it back), one simulated run per seed.</li>
 * </ul>
 * The first pass of each row in this fresh JVM is reported beside the median
 * of the interleaved warm passes. Run it with:
 * <pre>
 * ./mvnw -q -pl concurrency-examples -am -DskipTests package exec:exec \
 *     -Dexec.mainClass=dev.concurrency.examples.bench.SimulationBenchmark -Dexec.args="--passes 7"
 * </pre>
 */
public final class SimulationBenchmark {

    static final String USAGE = """
            usage: SimulationBenchmark [--passes N] [--switches N] [--seeds N] [--help]
              --passes N    interleaved warm passes per figure, median reported (default 7)
              --switches N  suspensions per task in the per-suspension rows (default 2000; 100 tasks)
              --seeds N     seeds per pass of the exploration row (default 200)
            """;

    private static final int TASKS = 100;
    private static final int RACERS = 10;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private SimulationBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see {@link #USAGE}
     */
    public static void main(String[] args) {
        Program.exit(run(args, System.out, System.err));
    }

    /** The options. */
    record Options(int passes, int switches, int seeds) {
    }

    static final Set<String> WITH_VALUE = Set.of("--passes", "--switches", "--seeds");

    static Options of(CommandLine line) {
        if (!line.words().isEmpty()) {
            throw new IllegalArgumentException("unknown argument: '" + line.words().getFirst()
                    + "' (expected: options only)");
        }
        return new Options(line.positive("--passes", 7), line.positive("--switches", 2_000),
                line.positive("--seeds", 200));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(args, out, err, USAGE, Set.of(), WITH_VALUE, SimulationBenchmark::of,
                SimulationBenchmark::run);
    }

    private static int run(Options options, PrintStream out, PrintStream err) {
        out.print(LoopBenchmark.machineFacts());
        try {
            out.println();
            out.print(suspensions(options, err).format());
            out.println();
            out.print(exploration(options, err).format());
        } catch (Exception e) {
            err.println("error: " + e);
            e.printStackTrace(err);
            return 1;
        }
        return 0;
    }

    /** A row of the per-suspension table: a strategy, simulated or not. */
    private record Row(String label, Strategy strategy, boolean simulated) {
        RunOptions options() {
            RunOptions o = RunOptions.of(strategy).deadline(DEADLINE);
            return simulated ? o.simulated(42) : o;
        }
    }

    static Table suspensions(Options options, PrintStream err) {
        List<Row> rows = List.of(new Row("EVENT_LOOP", Strategy.EVENT_LOOP, false),
                new Row("EVENT_LOOP simulated", Strategy.EVENT_LOOP, true),
                new Row("CALLBACK", Strategy.CALLBACK, false),
                new Row("CALLBACK simulated", Strategy.CALLBACK, true));
        long switches = (long) TASKS * options.switches();
        double[] first = new double[rows.size()];
        double[][] warm = new double[rows.size()][options.passes()];
        for (int r = 0; r < rows.size(); r++) {
            first[r] = nanosPerSwitch(rows.get(r), options.switches(), switches);
            err.printf(Locale.ROOT, "suspension: first pass %s: %.0f ns%n", rows.get(r).label(), first[r]);
        }
        for (int pass = 0; pass < options.passes(); pass++) {
            for (int r = 0; r < rows.size(); r++) {
                warm[r][pass] = nanosPerSwitch(rows.get(r), options.switches(), switches);
                err.printf(Locale.ROOT, "suspension: pass %d/%d %s: %.0f ns%n", pass + 1, options.passes(),
                        rows.get(r).label(), warm[r][pass]);
            }
        }
        Table table = new Table(String.format(Locale.ROOT, "suspension: %d tasks x %,d checkpoints; ns per "
                + "suspension (wall / suspensions); first pass in this JVM, then the median of %d warm passes",
                TASKS, options.switches(), options.passes()), "run", "first (ns)", "median (ns)", "vs real",
                "target", "verdict");
        for (int r = 0; r < rows.size(); r++) {
            double median = Figures.median(warm[r]);
            boolean simulated = rows.get(r).simulated();
            double ratio = simulated ? median / Figures.median(warm[r - 1]) : 1;
            table.row(rows.get(r).label(), Figures.fixed(first[r], 0), Figures.fixed(median, 0),
                    Figures.fixed(ratio, 2), simulated ? "<= 2.00" : "-",
                    simulated ? Figures.verdict(ratio <= 2.0) : "-");
        }
        return table;
    }

    private static double nanosPerSwitch(Row row, int checkpoints, long switches) {
        List<Task<Integer>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            tasks.add(row.strategy() == Strategy.CALLBACK ? checkpointsAsync(checkpoints) : checkpoints(checkpoints));
        }
        long start = System.nanoTime();
        Results<Integer> results = Concurrency.run(tasks, row.options());
        long nanos = System.nanoTime() - start;
        if (!results.allSucceeded()) {
            throw new IllegalStateException(row.label() + ": " + Figures.failure(results));
        }
        return (double) nanos / switches;
    }

    private static Task<Integer> checkpoints(int n) {
        return ctx -> {
            for (int i = 0; i < n; i++) {
                ctx.checkpoint();
            }
            return n;
        };
    }

    private static AsyncTask<Integer> checkpointsAsync(int n) {
        return ctx -> chain(ctx, n).thenApply(v -> n);
    }

    private static CompletionStage<Void> chain(AsyncContext ctx, int left) {
        return left == 0 ? CompletableFuture.completedFuture(null) : ctx.checkpoint().thenCompose(v -> chain(ctx, left - 1));
    }

    static Table exploration(Options options, PrintStream err) {
        double firstPass = seedsPerSecond(options.seeds(), 0);
        err.printf(Locale.ROOT, "exploration: first pass: %.0f seeds/s%n", firstPass);
        double[] warm = new double[options.passes()];
        for (int pass = 0; pass < options.passes(); pass++) {
            warm[pass] = seedsPerSecond(options.seeds(), (long) (pass + 1) * options.seeds());
            err.printf(Locale.ROOT, "exploration: pass %d/%d: %.0f seeds/s%n", pass + 1, options.passes(), warm[pass]);
        }
        return new Table(String.format(Locale.ROOT, "exploration: a %d-task racy set (read, suspend, write back), "
                + "one simulated EVENT_LOOP run per seed, %d seeds per pass", RACERS, options.seeds()),
                "figure", "first pass", "median").row("seeds explored per second", Figures.fixed(firstPass, 0),
                Figures.fixed(Figures.median(warm), 0));
    }

    private static double seedsPerSecond(int seeds, long firstSeed) {
        long start = System.nanoTime();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            Results<Integer> results = Concurrency.run(racers(), RunOptions.of(Strategy.EVENT_LOOP).simulated(seed));
            if (!results.allSucceeded()) {
                throw new IllegalStateException("seed " + seed + ": " + Figures.failure(results));
            }
        }
        return seeds / ((System.nanoTime() - start) / 1e9);
    }

    /** Tasks that each add one to a shared counter, with a suspension between the read and the write. */
    private static List<Task<Integer>> racers() {
        AtomicInteger counter = new AtomicInteger();
        List<Task<Integer>> tasks = new ArrayList<>(RACERS);
        for (int i = 0; i < RACERS; i++) {
            tasks.add(ctx -> {
                int read = counter.get();
                ctx.checkpoint();
                counter.set(read + 1);
                return counter.get();
            });
        }
        return tasks;
    }
}
