package dev.concurrency.examples.bench;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.cli.Program;
import dev.concurrency.examples.text.Figures;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The performance program: each benchmark against a baseline written by hand
 * on the bare JDK, measured in the same run, with its target and verdict. One
 * table per benchmark after the machine's facts (see {@link PerfTable} for the
 * columns and {@link PerfOptions#USAGE} for the benchmarks). Run it with:
 *
 * <pre>
 * ./mvnw -q -pl concurrency-examples -am -DskipTests package exec:exec \
 *     -Dexec.mainClass=dev.concurrency.examples.bench.Perf -Dexec.args="tasks"
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp concurrency-examples/target/concurrency-examples.jar \
 *     dev.concurrency.examples.bench.Perf --quick
 * </pre>
 */
public final class Perf {

    /** How long one run of a batch may take before its tasks are failed. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
    /** How long a child JVM may take. */
    static final Duration CHILD_TIMEOUT = Duration.ofMinutes(5);

    private Perf() {
    }

    /**
     * Runs the benchmarks and exits with a non-zero status if one could not run.
     *
     * @param args see {@link PerfOptions#USAGE}
     */
    public static void main(String[] args) {
        Program.exit(run(args, System.out, System.err));
    }

    /**
     * @return 0 when every row was measured (whatever the verdicts), 1 if one could not be, 2 for bad arguments
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(args, out, err, PerfOptions.USAGE, PerfOptions.FLAGS, PerfOptions.WITH_VALUE,
                PerfOptions::of, Perf::run);
    }

    private static int run(PerfOptions options, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        int status = BenchTables.print(out, err, options.benchmarks(), name -> {
            long began = System.nanoTime();
            PerfTable table = measure(name, options, err);
            err.printf(Locale.ROOT, "perf: %s took %.0f s%n", name, (System.nanoTime() - began) / 1e9);
            return new LoopBenchmark.Report(List.of(table.table()), table.failures());
        });
        err.printf(Locale.ROOT, "perf: done in %.0f s%n", (System.nanoTime() - start) / 1e9);
        return status;
    }

    static PerfTable measure(String benchmark, PerfOptions o, PrintStream err) throws Exception {
        return switch (benchmark) {
            case PerfOptions.TASKS -> tasks(o, err);
            case PerfOptions.SLEEPERS -> PerfSleepers.sleepers(o, err);
            case PerfOptions.FALLBACK -> PerfSleepers.fallback(o, err);
            case PerfOptions.ECHO -> echo(o, err);
            case PerfOptions.SWITCH -> pairs(benchmark, o, String.format(Locale.ROOT,
                    "switch: one task suspending and resuming, %,d switches per run; baseline: a bare virtual thread "
                            + "on a one-thread scheduler (the JDK's non-public VirtualThreadBuilder(Executor), as the "
                            + "library builds a loop's) handing its wake-up to the scheduler and parking", o.switches()),
                    err, false);
            case PerfOptions.PROCESS -> process(o, err);
            case PerfOptions.WAITERS -> pairs(benchmark, o, String.format(Locale.ROOT,
                    "waiters: %,d tasks each sleeping %d ms, THREAD with maxConcurrency(%,d), wall time; baseline: a "
                            + "bare ThreadPoolExecutor of %,d threads running Thread.sleep tasks (pool built and shut "
                            + "down inside the timing, as Concurrency.run does)",
                    o.waiters(), o.sleepMs(), o.waiters(), o.waiters()), err, false);
            default -> throw new IllegalStateException("unknown benchmark " + benchmark);
        };
    }

    /** One pass of a measurement: its figure. */
    @FunctionalInterface
    interface Pass {
        double run() throws Exception;
    }

    /**
     * A row measured in this JVM (warm) and in a fresh one (cold), against its baseline in this JVM.
     *
     * @param what     the row's label
     * @param unit     the figures' unit
     * @param library  one pass of the library
     * @param baseline one pass of the bare-JDK baseline
     * @param target   what the row must reach
     */
    record Pair(String what, String unit, Pass library, Pass baseline, PerfTable.Target target) {
    }

    /** @return the rows of a benchmark made of {@link Pair}s, in order; a child JVM rebuilds them by index */
    static List<Pair> pairs(String benchmark, PerfOptions o) {
        return switch (benchmark) {
            case PerfOptions.TASKS -> {
                int n = o.tasks();
                PerfTable.Target target = PerfTable.Target.ratioAtMost(1.5);
                yield List.of(
                        new Pair("VIRTUAL_THREAD", "us/task", batch(Strategy.VIRTUAL_THREAD, false, n),
                                () -> bareVirtual(n), target),
                        new Pair("EVENT_LOOP", "us/task", batch(Strategy.EVENT_LOOP, false, n), () -> bareVirtual(n),
                                target),
                        new Pair("CALLBACK (AsyncTask)", "us/task", batch(Strategy.CALLBACK, true, n),
                                () -> bareVirtual(n), target),
                        new Pair("THREAD", "us/task", batch(Strategy.THREAD, false, n),
                                () -> barePool(n, RunOptions.DEFAULT_THREAD_POOL_SIZE), target));
            }
            case PerfOptions.SWITCH -> List.of(new Pair("EVENT_LOOP ctx.sleep(ZERO)", "ns/switch",
                    () -> SwitchBenchmark.eventLoop(o.switches()) / (double) o.switches(),
                    () -> SwitchBenchmark.loopScheduled(o.switches()) / (double) o.switches(),
                    PerfTable.Target.ratioAtMost(2)));
            case PerfOptions.WAITERS -> List.of(new Pair("THREAD ctx.sleep", "s",
                    () -> waiters(o.waiters(), o.sleepMs()), () -> bareWaiters(o.waiters(), o.sleepMs()),
                    PerfTable.Target.ratioAtMost(1.2)));
            default -> throw new IllegalArgumentException("benchmark: '" + benchmark + "' has no pairs");
        };
    }

    /**
     * Measures each pair: cold in a child JVM of its own, then here {@link PerfOptions#warmUps()} unmeasured
     * passes and {@link PerfOptions#passes()} measured ones, library and baseline in turn.
     *
     * @param watchdog whether to count the blocked-loop watchdog's warnings, here and in the children
     */
    static PerfTable pairs(String benchmark, PerfOptions o, String title, PrintStream err, boolean watchdog)
            throws InterruptedException {
        List<Pair> pairs = pairs(benchmark, o);
        PerfTable table = new PerfTable(title + String.format(Locale.ROOT, "; cold: the first run in a fresh JVM; "
                + "warm: median of %d passes after %d unmeasured, interleaved with the baseline's", o.passes(),
                o.warmUps()));
        int coldWarnings = 0;
        int warmWarnings = 0;
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            double cold = Double.NaN;
            String coldFailure = null;
            try {
                List<String> args = new ArrayList<>(List.of(PerfChild.COLD, benchmark, Integer.toString(i)));
                args.addAll(o.sizeArgs());
                Map<String, Double> figures = ChildJvm.run(args, true, CHILD_TIMEOUT, err);
                cold = figures.get("value");
                coldWarnings += figures.getOrDefault("watchdog", 0.0).intValue();
            } catch (Exception e) {
                err.println("perf: " + pair.what() + ": the cold run failed: " + e);
                coldFailure = e.getMessage();
            }
            double[] library = new double[o.passes()];
            double[] baseline = new double[o.passes()];
            try (WatchdogWarnings warnings = WatchdogWarnings.count()) {
                for (int pass = -o.warmUps(); pass < o.passes(); pass++) {
                    double a = pair.library().run();
                    double b = pair.baseline().run();
                    String which = pass < 0 ? "warm-up " + (pass + o.warmUps() + 1) + "/" + o.warmUps()
                            : "pass " + (pass + 1) + "/" + o.passes();
                    err.printf(Locale.ROOT, "%s: %s %s: %s %s, baseline %s%n", benchmark, which, pair.what(),
                            PerfTable.figure(a), pair.unit(), PerfTable.figure(b));
                    if (pass >= 0) {
                        library[pass] = a;
                        baseline[pass] = b;
                    }
                }
                warmWarnings += warnings.warnings();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                err.println("perf: " + pair.what() + " failed: " + e);
                e.printStackTrace(err);
                table.failed(pair.what(), e.toString());
                continue;
            }
            table.pairedRow(pair.what(), pair.unit(), cold, library, baseline, pair.target());
            if (coldFailure != null) {
                table.coldFailed(pair.what(), coldFailure);
            }
        }
        if (watchdog) {
            table.row("watchdog warnings (all rows)", "count", coldWarnings, warmWarnings, Double.NaN,
                    PerfTable.Target.atMost(0));
        }
        return table;
    }

    /** The figure of one library pass of a pair, for a child JVM's cold run. */
    static double coldPass(String benchmark, int index, PerfOptions o) throws Exception {
        return pairs(benchmark, o).get(index).library().run();
    }

    private static PerfTable tasks(PerfOptions o, PrintStream err) throws InterruptedException {
        return pairs(PerfOptions.TASKS, o, String.format(Locale.ROOT, "tasks: us per empty task, a batch of %,d "
                + "through Concurrency.run(tasks, RunOptions.of(strategy)) (engine built and closed inside the "
                + "timing); baselines, also built and closed inside: VIRTUAL_THREAD, EVENT_LOOP and CALLBACK: "
                + "Executors.newVirtualThreadPerTaskExecutor() running %,d callables, waiting for all; THREAD: a "
                + "ThreadPoolExecutor of %d threads (THREAD's default pool)", o.tasks(), o.tasks(),
                RunOptions.DEFAULT_THREAD_POOL_SIZE), err, true);
    }

    /** @return one pass of {@code n} empty tasks under the strategy, in us per task */
    private static Pass batch(Strategy strategy, boolean async, int n) {
        AsyncTask<Void> asyncTask = ctx -> CompletableFuture.completedFuture(null);
        Task<Void> task = ctx -> null;
        List<Task<Void>> tasks = Collections.nCopies(n, async ? asyncTask : task);
        RunOptions options = RunOptions.of(strategy).deadline(RUN_TIMEOUT);
        return () -> {
            long start = System.nanoTime();
            check(Concurrency.run(tasks, options));
            return (System.nanoTime() - start) / 1e3 / n;
        };
    }

    private static void check(Results<?> results) {
        String failure = Figures.failure(results);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** @return us per callable: {@code n} empty callables on a fresh virtual-thread-per-task executor */
    static double bareVirtual(int n) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            waitForAll(executor, n, () -> null);
        }
        return (System.nanoTime() - start) / 1e3 / n;
    }

    /** @return us per callable: {@code n} empty callables on a fresh pool of {@code threads}, shut down */
    static double barePool(int n, int threads) throws Exception {
        long start = System.nanoTime();
        onPool(threads, n, () -> null);
        return (System.nanoTime() - start) / 1e3 / n;
    }

    /** Runs {@code n} copies of the callable on a fresh pool of {@code threads} platform threads, then shuts it. */
    private static void onPool(int threads, int n, java.util.concurrent.Callable<Object> callable) throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>());
        try {
            waitForAll(pool, n, callable);
        } finally {
            pool.shutdown();
            if (!pool.awaitTermination(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the bare pool did not end within " + RUN_TIMEOUT);
            }
        }
    }

    private static void waitForAll(ExecutorService executor, int n, java.util.concurrent.Callable<Object> callable)
            throws Exception {
        List<Future<Object>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(executor.submit(callable));
        }
        for (Future<Object> future : futures) {
            future.get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** @return seconds: {@code n} THREAD tasks each {@code ctx.sleep}, all at once */
    static double waiters(int n, int sleepMs) {
        Duration sleep = Duration.ofMillis(sleepMs);
        Task<Void> task = ctx -> {
            ctx.sleep(sleep);
            return null;
        };
        long start = System.nanoTime();
        check(Concurrency.run(Collections.nCopies(n, task),
                RunOptions.of(Strategy.THREAD).maxConcurrency(n).deadline(RUN_TIMEOUT)));
        return (System.nanoTime() - start) / 1e9;
    }

    /** @return seconds: {@code n} Thread.sleep tasks on a fresh pool of {@code n} threads, shut down */
    static double bareWaiters(int n, int sleepMs) throws Exception {
        long start = System.nanoTime();
        onPool(n, n, () -> {
            Thread.sleep(sleepMs);
            return null;
        });
        return (System.nanoTime() - start) / 1e9;
    }

    private static PerfTable echo(PerfOptions o, PrintStream err) throws Exception {
        List<EchoBenchmark.Row> rows = EchoBenchmark.rows(EchoBenchmark.EL1, EchoBenchmark.EL2,
                EchoBenchmark.CALLBACK, EchoBenchmark.PLAIN);
        EchoBenchmark.Samples samples = EchoBenchmark.samples(rows, o.connections(), o.roundTrips(), o.passes(), err);
        PerfTable table = new PerfTable(String.format(Locale.ROOT, "echo: round trips/s, %,d connections x %d "
                + "round trips of a %d-byte line to a loopback echo server in this JVM; warm: median of %d "
                + "interleaved passes after one of %,d connections; cold: not measured; baseline: %s "
                + "(one thread, one selector), or loops(1) for loops(2)", o.connections(), o.roundTrips(),
                EchoBenchmark.LINE_BYTES, o.passes(), Math.min(o.connections(), 100), EchoBenchmark.PLAIN));
        PerfTable.Target[] targets = {PerfTable.Target.ratioAtLeast(0.9), PerfTable.Target.ratioAtLeast(1.2),
                PerfTable.Target.ratioAtLeast(0.95), PerfTable.Target.NONE};
        int[] baselines = {3, 0, 3, -1}; // the row each is compared with, pass by pass
        for (int r = 0; r < rows.size(); r++) {
            String what = rows.get(r).label() + (r == 1 ? " vs loops(1)" : "");
            int b = baselines[r];
            if (samples.failure()[r] != null) {
                table.failed(what, samples.failure()[r]);
            } else if (b < 0) {
                table.row(what, "round trips/s", Double.NaN, Figures.median(samples.rates()[r]), Double.NaN,
                        targets[r]);
            } else if (samples.failure()[b] != null) {
                table.failed(what, "its baseline failed: " + samples.failure()[b]);
            } else {
                table.pairedRow(what, "round trips/s", Double.NaN, samples.rates()[r], samples.rates()[b],
                        targets[r]);
            }
        }
        return table;
    }

    private static PerfTable process(PerfOptions o, PrintStream err) throws Exception {
        int n = o.processRoundTrips();
        PerfTable table = new PerfTable(String.format(Locale.ROOT, "process: PROCESS, one worker; round trip: a "
                + "trivial task submitted and waited for, one at a time, %,d per pass after %,d; baseline: one byte "
                + "to another JVM's stdin and back from its stdout, likewise; start-up: open -> first result "
                + "against a bare JVM's start and exit (Noop), interleaved; warm: median of %d passes",
                n, ProcessBenchmark.WARM_UP_ROUNDS * n, o.passes()));
        double[] library = ProcessBenchmark.roundTrips(n, o.passes(), err);
        double[] pipe = ProcessBenchmark.pipeRoundTrips(n, o.passes(), err);
        table.row("round trip", "us", Double.NaN, Figures.median(library), Figures.median(pipe),
                PerfTable.Target.atMost(100));
        ProcessBenchmark.StartUp startUp = ProcessBenchmark.startUp(o.passes(), err);
        table.row("open -> first result", "ms", Double.NaN, Figures.median(startUp.first()),
                Figures.median(startUp.bare()), PerfTable.Target.ratioAtMost(1.5));
        return table;
    }
}
