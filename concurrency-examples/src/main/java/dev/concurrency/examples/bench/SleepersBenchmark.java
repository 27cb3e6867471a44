package dev.concurrency.examples.bench;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import dev.concurrency.examples.load.Footprint;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many tasks that each sleep: the wall time of a run, and the heap each
 * suspended task holds. For each strategy: one warm-up run of a tenth of the
 * size; then {@code runs} timed runs, interleaved across strategies (nothing
 * else happens during them); then {@code runs} heap runs, where the run goes on
 * in a thread of its own while this one waits until every task has entered its
 * body, forces GCs and reads the used heap. Heap per task is that minus the
 * used heap (after GCs) before the run, divided by the task count. A heap
 * sample taken after some task had already woken does not count; that run is
 * repeated with a longer sleep.
 */
final class SleepersBenchmark {

    /** The wall-time target for 1 s sleeps is 2.5 s: the sleep plus this. */
    static final Duration WALL_SLACK = Duration.ofMillis(1_500);
    /** The heap target for an EVENT_LOOP task, in bytes. */
    static final long HEAP_TARGET = 1_536;
    /** How many times a heap run is repeated, sleeping twice as long, when tasks woke before the sample. */
    private static final int HEAP_TRIES = 3;

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    /** A strategy and the form of its tasks; {@code options} is {@code null} for {@link #BARE}. */
    record Variant(String label, RunOptions options, boolean async) {
    }

    /** The bare JDK: a virtual-thread-per-task executor whose tasks call {@link Thread#sleep}. */
    static final Variant BARE = new Variant("bare virtual-thread executor", null, false);

    static List<Variant> variants() {
        return List.of(
                new Variant("EVENT_LOOP", RunOptions.of(Strategy.EVENT_LOOP).loops(1), false),
                new Variant("CALLBACK (AsyncTask)", RunOptions.of(Strategy.CALLBACK).loops(1), true),
                new Variant("VIRTUAL_THREAD", RunOptions.of(Strategy.VIRTUAL_THREAD), false));
    }

    private SleepersBenchmark() {
    }

    static LoopBenchmark.Report measure(BenchOptions o, PrintStream err) throws InterruptedException {
        List<Variant> variants = variants();
        int n = o.tasks();
        Duration sleep = Duration.ofMillis(o.sleepMs());
        String[] failure = new String[variants.size()];
        double[][] walls = new double[variants.size()][o.runs()];
        double[][] heaps = new double[variants.size()][o.runs()];
        for (int v = 0; v < variants.size(); v++) {
            int warmUp = Math.max(1, n / 10);
            err.printf("sleepers: warm-up %s, %,d tasks%n", variants.get(v).label(), warmUp);
            failure[v] = once(variants.get(v), warmUp, sleep, false, err).failure();
        }
        for (int r = 0; r < o.runs(); r++) {
            for (int v = 0; v < variants.size(); v++) {
                if (failure[v] != null) continue;
                err.printf("sleepers: timed run %d/%d %s, %,d tasks%n", r + 1, o.runs(), variants.get(v).label(), n);
                Run run = once(variants.get(v), n, sleep, false, err);
                failure[v] = run.failure();
                walls[v][r] = run.wallSeconds();
            }
        }
        for (int r = 0; r < o.runs(); r++) {
            for (int v = 0; v < variants.size(); v++) {
                if (failure[v] != null) continue;
                Duration s = sleep;
                for (int t = 1; ; t++) {
                    err.printf("sleepers: heap run %d/%d %s, %,d tasks sleeping %d ms%n",
                            r + 1, o.runs(), variants.get(v).label(), n, s.toMillis());
                    Run run = once(variants.get(v), n, s, true, err);
                    failure[v] = run.failure();
                    if (failure[v] != null || run.woken() == 0 || t == HEAP_TRIES) {
                        heaps[v][r] = run.heapPerTask();
                        if (failure[v] == null && run.woken() > 0) {
                            failure[v] = "failed: " + run.woken() + " tasks woke before the heap sample, "
                                    + "even sleeping " + s.toMillis() + " ms";
                        }
                        break;
                    }
                    err.printf("sleepers: %,d tasks woke before the heap sample; again, sleeping longer%n", run.woken());
                    s = s.multipliedBy(2);
                }
            }
        }
        return report(o, variants, failure, walls, heaps);
    }

    private static LoopBenchmark.Report report(BenchOptions o, List<Variant> variants, String[] failure,
                                               double[][] walls, double[][] heaps) {
        Table table = new Table(String.format("sleepers: %,d tasks each sleeping %d ms; median of %d runs "
                        + "(wall: timed runs; heap: separate runs sampled while every task sleeps)",
                        o.tasks(), o.sleepMs(), o.runs()),
                "strategy", "tasks", "wall (s)", "heap/task (B)", "wall min..max (s)", "heap min..max (B)");
        int failures = 0;
        double elWall = Double.NaN;
        double elHeap = Double.NaN;
        for (int v = 0; v < variants.size(); v++) {
            String label = variants.get(v).label();
            if (failure[v] != null) {
                table.note(label, failure[v]);
                failures++;
                continue;
            }
            double wall = Figures.median(walls[v]);
            double heap = Figures.median(heaps[v]);
            if (v == 0) {
                elWall = wall;
                elHeap = heap;
            }
            table.row(label, Figures.grouped(o.tasks()), Figures.fixed(wall, 3), Figures.grouped(heap),
                    range(walls[v], 3), range(heaps[v], 0));
        }
        double wallTarget = (o.sleepMs() + WALL_SLACK.toMillis()) / 1e3;
        Table targets = new Table("sleepers: targets (EVENT_LOOP, loops 1)", "target", "measured", "goal", "verdict");
        if (Double.isNaN(elWall)) {
            targets.note("EVENT_LOOP wall time", "not measured");
            targets.note("EVENT_LOOP heap per task", "not measured");
        } else {
            targets.row("EVENT_LOOP wall time", Figures.fixed(elWall, 3) + " s", "< " + Figures.fixed(wallTarget, 3) + " s",
                    Figures.verdict(elWall < wallTarget));
            targets.row("EVENT_LOOP heap per task", Figures.grouped(elHeap) + " B", "<= " + Figures.grouped(HEAP_TARGET) + " B",
                    Figures.verdict(elHeap <= HEAP_TARGET));
        }
        return new LoopBenchmark.Report(List.of(table, targets), failures);
    }

    private static String range(double[] samples, int decimals) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double s : samples) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        return decimals == 0 ? Figures.grouped(min) + ".." + Figures.grouped(max)
                : Figures.fixed(min, decimals) + ".." + Figures.fixed(max, decimals);
    }

    /**
     * One run's figures.
     *
     * @param wallSeconds from calling {@code Concurrency.run} until it returned
     * @param heapPerTask bytes per task, or NaN when not sampled
     * @param rssPerTask  resident bytes per task ({@code VmRSS} while every task sleeps, before the GCs that
     *                    sample the heap, minus before the run), or NaN when not sampled, without {@code /proc},
     *                    or when a task had already woken
     * @param woken       how many tasks had ended when the heap was sampled
     * @param failure     why the run did not count, or {@code null}
     */
    record Run(double wallSeconds, double heapPerTask, double rssPerTask, int woken, String failure) {
    }

    /** Runs {@code n} sleeping tasks once; samples the heap while all of them sleep if asked. */
    static Run once(Variant variant, int n, Duration sleep, boolean sampleHeap, PrintStream err)
            throws InterruptedException {
        return once(variant, n, sleep, sampleHeap, false, err);
    }

    /**
     * Runs {@code n} sleeping tasks once; samples the heap while all of them sleep if asked.
     *
     * @param gated whether each task first waits (through its context) until every task has begun, so that all
     *              start sleeping together and none wakes before the sample however long starting them takes
     */
    static Run once(Variant variant, int n, Duration sleep, boolean sampleHeap, boolean gated, PrintStream err)
            throws InterruptedException {
        AtomicInteger entered = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        Gate gate = gated ? new Gate(n) : null;
        List<? extends Task<Void>> tasks = Collections.nCopies(n, variant.async()
                ? asyncSleeper(entered, sleep, gate) : sleeper(entered, sleep, gate));
        RunOptions options = variant.options() == null ? null
                : variant.options().deadline(RUN_TIMEOUT).listener(new TaskListener() {
                    @Override
                    public void finished(TaskInfo task, Outcome<?> outcome) {
                        ended.incrementAndGet();
                    }
                });
        long baseline = sampleHeap ? usedHeapAfterGc() : 0;
        long rssBefore = sampleHeap ? Footprint.residentBytesOfSelf() : -1;
        FutureTask<Long> run = new FutureTask<>(variant.options() == null ? () -> bare(n, sleep, entered, ended, gate) : () -> {
            long start = System.nanoTime();
            Results<Void> results = Concurrency.run(tasks, options);
            long wall = System.nanoTime() - start;
            if (!results.allSucceeded()) {
                throw new IllegalStateException(failure(results));
            }
            return wall;
        });
        Thread runner = Thread.ofPlatform().name("sleepers-run").start(run);
        double heapPerTask = Double.NaN;
        double rssPerTask = Double.NaN;
        int woken = 0;
        if (sampleHeap) {
            while (entered.get() < n && !run.isDone()) {
                Thread.sleep(1);
            }
            long rss = Footprint.residentBytesOfSelf();
            if (rss >= 0 && rssBefore >= 0 && ended.get() == 0) { // a task that woke may have given memory back
                rssPerTask = (rss - rssBefore) / (double) n;
            }
            long used = usedHeapAfterGc();
            woken = ended.get();
            heapPerTask = (used - baseline) / (double) n;
        }
        try {
            long wall = run.get();
            return new Run(wall / 1e9, heapPerTask, rssPerTask, woken, null);
        } catch (ExecutionException e) {
            err.println("sleepers: " + variant.label() + " failed: " + e.getCause());
            return new Run(Double.NaN, Double.NaN, Double.NaN, woken, "failed: " + e.getCause().getMessage());
        } finally {
            runner.join();
        }
    }

    /** {@link #BARE}: {@code n} sleepers on a virtual-thread-per-task executor; returns the wall time in ns. */
    private static long bare(int n, Duration sleep, AtomicInteger entered, AtomicInteger ended, Gate gate)
            throws Exception {
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                futures.add(executor.submit(() -> {
                    if (gate != null) {
                        gate.arrive().get(RUN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                    entered.incrementAndGet();
                    Thread.sleep(sleep);
                    ended.incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return System.nanoTime() - start;
    }

    /** Opens once all of its {@code n} tasks have arrived. */
    static final class Gate {
        private final int n;
        private final AtomicInteger arrived = new AtomicInteger();
        private final CompletableFuture<Void> open = new CompletableFuture<>();

        Gate(int n) {
            this.n = n;
        }

        /** @return what opens once every task has arrived, this one included */
        CompletableFuture<Void> arrive() {
            if (arrived.incrementAndGet() == n) {
                open.complete(null);
            }
            return open;
        }
    }

    /**
     * A direct-style task that sleeps once; {@code entered} counts the tasks that began their sleep.
     *
     * @param gate what to wait for, through the context, before sleeping; {@code null} for nothing
     */
    static Task<Void> sleeper(AtomicInteger entered, Duration sleep, Gate gate) {
        return ctx -> {
            if (gate != null) {
                ctx.await(gate.arrive());
            }
            entered.incrementAndGet();
            ctx.sleep(sleep);
            return null;
        };
    }

    /** The same as an {@link AsyncTask}. */
    static AsyncTask<Void> asyncSleeper(AtomicInteger entered, Duration sleep, Gate gate) {
        return ctx -> {
            CompletionStage<Void> go = gate == null ? CompletableFuture.completedFuture(null) : ctx.await(gate.arrive());
            return go.thenCompose(v -> {
                entered.incrementAndGet();
                return ctx.sleep(sleep);
            });
        };
    }

    /** @return the used heap after a few full GCs */
    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = 0;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = memory.getHeapMemoryUsage().getUsed();
        }
        return used;
    }

    /** @return how many tasks did not succeed, and the first one's outcome */
    static String failure(Results<?> results) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (!results.outcome(i).isSuccess()) {
                bad.add(results.tasks().get(i) + ": " + results.outcome(i));
            }
        }
        return bad.size() + " of " + results.size() + " tasks did not succeed, first " + bad.get(0);
    }
}
