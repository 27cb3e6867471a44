package dev.concurrency.examples.bench;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.cli.CommandLine;
import dev.concurrency.examples.cli.Program;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import dev.concurrency.hazelcast.ClusterOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What {@link Strategy#CLUSTER} costs next to {@link Strategy#PROCESS}, in the
 * same run, with as many members (one task at a time each) as PROCESS has workers:
 * <ul>
 *   <li>start-up: {@code open} to the first result of a trivial task, one member against one worker;</li>
 *   <li>round trip of a trivial task on a warm runner, one at a time;</li>
 *   <li>throughput: 10,000 trivial tasks in one run, two members against two workers;</li>
 *   <li>CPU-bound scaling: fib tasks on 1, 2 and 3 members against 1, 2 and 3 workers
 *       (on two cores this shows the overhead, not the scaling).</li>
 * </ul>
 * Medians of passes. Run it with:
 * <pre>
 * ./mvnw -q -pl concurrency-examples -am -DskipTests package exec:exec \
 *     -Dexec.mainClass=dev.concurrency.examples.bench.ClusterBenchmark -Dexec.args="--passes 3"
 * </pre>
 */
public final class ClusterBenchmark {

    static final String USAGE = """
            usage: ClusterBenchmark [--passes N] [--round-trips N] [--tasks N] [--fib N] [--help]
              --passes N       passes per figure, median reported (default 3)
              --round-trips N  trivial tasks timed one at a time per pass on a warm runner (default 1000)
              --tasks N        trivial tasks in the throughput run (default 10000)
              --fib N          the size of the CPU-bound tasks, 6 of them per run (default 32)
            """;

    static final Set<String> WITH_VALUE = Set.of("--passes", "--round-trips", "--tasks", "--fib");
    /** Trivial tasks run before any figure is taken, so that both sides' JITs have compiled the path. */
    private static final int WARM_UP = 2_000;
    /** fib tasks per scaling run: divisible by 1, 2 and 3. */
    private static final int FIB_TASKS = 6;
    /** The member counts (and worker counts) of the scaling table. */
    private static final List<Integer> SIZES = List.of(1, 2, 3);

    private ClusterBenchmark() {
    }

    /** The options. */
    record Options(int passes, int roundTrips, int tasks, int fib) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see {@link #USAGE}
     */
    public static void main(String[] args) {
        Program.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(args, out, err, USAGE, Set.of(), WITH_VALUE, ClusterBenchmark::of, ClusterBenchmark::run);
    }

    static Options of(CommandLine line) {
        if (!line.words().isEmpty()) {
            throw new IllegalArgumentException("unknown argument: '" + line.words().getFirst()
                    + "' (expected: options only)");
        }
        return new Options(line.positive("--passes", 3), line.positive("--round-trips", 1_000),
                line.positive("--tasks", 10_000), line.positive("--fib", 32));
    }

    private static int run(Options options, PrintStream out, PrintStream err) {
        return BenchTables.print(out, err, List.of(() -> startUp(options, err), () -> trivialTasks(options, err),
                () -> scaling(options, err)));
    }

    /** {@return CLUSTER with {@code members} members running one task at a time each} */
    static RunOptions cluster(int members) {
        return RunOptions.of(Strategy.CLUSTER).with(ClusterOptions.defaults().members(members).executorPoolSize(1));
    }

    /** {@return PROCESS with {@code workers} workers} */
    static RunOptions process(int workers) {
        return RunOptions.of(Strategy.PROCESS).workers(workers);
    }

    static Table startUp(Options options, PrintStream err) throws Exception {
        double[] cluster = new double[options.passes()];
        double[] process = new double[options.passes()];
        for (int pass = 0; pass < options.passes(); pass++) {
            cluster[pass] = firstResultMillis(cluster(1));
            process[pass] = firstResultMillis(process(1));
            err.printf(Locale.ROOT, "start-up: pass %d: CLUSTER %.1f ms, PROCESS %.1f ms%n",
                    pass + 1, cluster[pass], process[pass]);
        }
        double ratio = Figures.median(cluster) / Figures.median(process);
        return new Table("Start-up: open to the first result of a trivial task, one member / one worker; median of "
                + options.passes() + " passes", "strategy", "ms", "vs PROCESS")
                .row("PROCESS, 1 worker", Figures.fixed(Figures.median(process), 1), "1.00")
                .row("CLUSTER, 1 member", Figures.fixed(Figures.median(cluster), 1), Figures.fixed(ratio, 2));
    }

    private static double firstResultMillis(RunOptions options) throws Exception {
        long start = System.nanoTime();
        try (Runner runner = Concurrency.open(options)) {
            runner.submit(ctx -> 1).get(120, TimeUnit.SECONDS);
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /** Round trip on one member / worker, then 10,000 tasks on two, both strategies in the same passes. */
    static Table trivialTasks(Options options, PrintStream err) throws Exception {
        double[][] roundTrip = new double[2][options.passes()];
        double[][] perSecond = new double[2][options.passes()];
        List<Task<Integer>> many = new ArrayList<>();
        for (int i = 0; i < options.tasks(); i++) {
            many.add(ctx -> 1);
        }
        try (Runner cluster1 = Concurrency.open(cluster(1)); Runner process1 = Concurrency.open(process(1));
             Runner cluster2 = Concurrency.open(cluster(2)); Runner process2 = Concurrency.open(process(2))) {
            List<Runner> single = List.of(process1, cluster1);
            List<Runner> dual = List.of(process2, cluster2);
            for (int side = 0; side < 2; side++) {
                roundTrips(single.get(side), WARM_UP);
                dual.get(side).run(many.subList(0, WARM_UP)).values();
            }
            for (int pass = 0; pass < options.passes(); pass++) {
                for (int side = 0; side < 2; side++) {
                    roundTrip[side][pass] = roundTrips(single.get(side), options.roundTrips());
                    Results<Integer> results = dual.get(side).run(many);
                    results.values();
                    perSecond[side][pass] = results.stats().tasksPerSecond();
                }
                err.printf(Locale.ROOT, "trivial tasks: pass %d: round trip PROCESS %.1f us, CLUSTER %.1f us; "
                                + "%d tasks PROCESS %.0f/s, CLUSTER %.0f/s%n", pass + 1, roundTrip[0][pass],
                        roundTrip[1][pass], options.tasks(), perSecond[0][pass], perSecond[1][pass]);
            }
        }
        return new Table("Trivial tasks on warm runners (after " + WARM_UP + "): round trip one at a time ("
                + options.roundTrips() + " per pass) on one member / worker, and " + options.tasks()
                + " tasks in one run on two; median of " + options.passes() + " passes",
                "strategy", "round trip (us)", "tasks/s")
                .row("PROCESS", Figures.fixed(Figures.median(roundTrip[0]), 1),
                        Figures.grouped(Figures.median(perSecond[0])))
                .row("CLUSTER", Figures.fixed(Figures.median(roundTrip[1]), 1),
                        Figures.grouped(Figures.median(perSecond[1])));
    }

    private static double roundTrips(Runner runner, int count) throws Exception {
        Task<Integer> trivial = ctx -> 1;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            runner.submit(trivial).get(60, TimeUnit.SECONDS);
        }
        return (System.nanoTime() - start) / 1e3 / count;
    }

    /** {@value #FIB_TASKS} fib tasks on 1, 2 and 3 members against as many workers, warm runners. */
    static Table scaling(Options options, PrintStream err) {
        List<Task<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < FIB_TASKS; i++) {
            tasks.add(new ProcessBenchmark.Fib(options.fib()));
        }
        Table table = new Table("CPU-bound: " + FIB_TASKS + " x fib(" + options.fib() + "), warm runners; median of "
                + options.passes() + " passes", "members / workers", "PROCESS (ms)", "CLUSTER (ms)", "CLUSTER / PROCESS");
        for (int size : SIZES) {
            double[] process = new double[options.passes()];
            double[] cluster = new double[options.passes()];
            try (Runner p = Concurrency.open(process(size)); Runner c = Concurrency.open(cluster(size))) {
                p.run(tasks).values();
                c.run(tasks).values();
                for (int pass = 0; pass < options.passes(); pass++) {
                    process[pass] = wallMillis(p, tasks);
                    cluster[pass] = wallMillis(c, tasks);
                    err.printf(Locale.ROOT, "scaling: %d: pass %d: PROCESS %.1f ms, CLUSTER %.1f ms%n",
                            size, pass + 1, process[pass], cluster[pass]);
                }
            }
            table.row(Integer.toString(size), Figures.fixed(Figures.median(process), 1),
                    Figures.fixed(Figures.median(cluster), 1),
                    Figures.fixed(Figures.median(cluster) / Figures.median(process), 2));
        }
        return table;
    }

    private static double wallMillis(Runner runner, List<Task<Long>> tasks) {
        Results<Long> results = runner.run(tasks);
        results.values();
        return results.stats().wallTime().toNanos() / 1e6;
    }
}
