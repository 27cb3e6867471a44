package dev.concurrency.examples.bench;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The cost of a switch: suspending a task and resuming it. Rows: one
 * EVENT_LOOP task doing {@code ctx.sleep(Duration.ZERO)} (which gives the
 * loop back and is resumed by it), one CALLBACK task chaining
 * {@code ctx.checkpoint()} stages, and the plain mechanisms under them: two
 * virtual threads handing a token back and forth with
 * {@link LockSupport#park()}/{@link LockSupport#unpark(Thread)} (one switch per
 * hand-off), and one virtual thread calling {@link Thread#yield()}. Each row:
 * one warm-up run, then {@code switchRuns} runs, interleaved, timed inside the
 * switching code; the median in ns per switch.
 */
final class SwitchBenchmark {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    static final String EL = "EVENT_LOOP ctx.sleep(ZERO)";
    static final String CALLBACK = "CALLBACK ctx.checkpoint() chain";
    static final String PING_PONG = "virtual threads park/unpark ping-pong";
    static final String YIELD = "virtual thread Thread.yield()";

    /** A labelled way to switch {@code n} times; returns the nanoseconds it took. */
    record Row(String label, Switcher switcher) {
    }

    @FunctionalInterface
    interface Switcher {
        long nanos(int switches) throws Exception;
    }

    static List<Row> rows() {
        return List.of(new Row(EL, SwitchBenchmark::eventLoop), new Row(CALLBACK, SwitchBenchmark::callback),
                new Row(PING_PONG, SwitchBenchmark::pingPong), new Row(YIELD, SwitchBenchmark::yielding));
    }

    private SwitchBenchmark() {
    }

    static LoopBenchmark.Report measure(BenchOptions o, PrintStream err) {
        List<Row> rows = rows();
        int n = o.switches();
        String[] failure = new String[rows.size()];
        double[][] ns = new double[rows.size()][o.switchRuns()];
        for (int r = 0; r < rows.size(); r++) {
            err.printf("switch: warm-up %s, %,d switches%n", rows.get(r).label(), n);
            failure[r] = failure(rows.get(r), n, new double[1], 0, err);
        }
        for (int run = 0; run < o.switchRuns(); run++) {
            for (int r = 0; r < rows.size(); r++) {
                if (failure[r] != null) continue;
                failure[r] = failure(rows.get(r), n, ns[r], run, err);
                if (failure[r] == null) err.printf("switch: run %d/%d %s: %.0f ns%n", run + 1, o.switchRuns(), rows.get(r).label(), ns[r][run]);
            }
        }
        Table table = new Table(String.format("switch: suspend + resume of one task; %,d switches per run, "
                + "median of %d runs", n, o.switchRuns()), "mechanism", "ns/switch", "min", "max");
        int failures = 0;
        for (int r = 0; r < rows.size(); r++) {
            if (failure[r] != null) {
                table.note(rows.get(r).label(), failure[r]);
                failures++;
                continue;
            }
            double[] sorted = ns[r].clone();
            Arrays.sort(sorted);
            table.row(rows.get(r).label(), Figures.fixed(Figures.median(ns[r]), 0), Figures.fixed(sorted[0], 0),
                    Figures.fixed(sorted[sorted.length - 1], 0));
        }
        return new LoopBenchmark.Report(List.of(table), failures);
    }

    /** Runs the row once into {@code ns[i]}; returns why it failed, or {@code null}. */
    private static String failure(Row row, int n, double[] ns, int i, PrintStream err) {
        try {
            ns[i] = (double) row.switcher().nanos(n) / n;
            return null;
        } catch (Exception e) {
            err.println("switch: " + row.label() + " failed: " + e);
            return "failed: " + e;
        }
    }

    static long eventLoop(int switches) throws Exception {
        Task<Long> task = ctx -> {
            long start = System.nanoTime();
            for (int i = 0; i < switches; i++) {
                ctx.sleep(Duration.ZERO);
            }
            return System.nanoTime() - start;
        };
        return only(Concurrency.run(List.of(task), RunOptions.of(Strategy.EVENT_LOOP).deadline(RUN_TIMEOUT)));
    }

    static long callback(int switches) throws Exception {
        AsyncTask<Long> task = ctx -> {
            CompletableFuture<Long> done = new CompletableFuture<>();
            checkpoints(ctx, switches, System.nanoTime(), done);
            return done;
        };
        return only(Concurrency.run(List.of(task), RunOptions.of(Strategy.CALLBACK).deadline(RUN_TIMEOUT)));
    }

    /** Chains {@code left} checkpoints, one after the other, each started by the last one's callback. */
    private static void checkpoints(AsyncContext ctx, int left, long start, CompletableFuture<Long> done) {
        if (left == 0) {
            done.complete(System.nanoTime() - start);
            return;
        }
        ctx.checkpoint().whenComplete((v, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                checkpoints(ctx, left - 1, start, done);
            }
        });
    }

    private static long only(Results<Long> results) {
        if (!results.allSucceeded()) {
            throw new IllegalStateException(SleepersBenchmark.failure(results));
        }
        return results.values().get(0);
    }

    /** Two virtual threads take turns: each waits for its turn, passes it on and wakes the other. */
    static long pingPong(int switches) throws InterruptedException {
        int rounds = Math.max(1, switches / 2);
        PingPong game = new PingPong();
        AtomicLong elapsed = new AtomicLong();
        Thread pong = Thread.ofVirtual().name("pong").unstarted(() -> game.play(1, rounds));
        Thread ping = Thread.ofVirtual().name("ping").unstarted(() -> {
            long start = System.nanoTime();
            game.play(0, rounds);
            elapsed.set(System.nanoTime() - start);
        });
        game.players[0] = ping;
        game.players[1] = pong;
        pong.start();
        ping.start();
        ping.join();
        pong.join();
        return elapsed.get() * switches / (2L * rounds);
    }

    /** The token of {@link #pingPong}. */
    private static final class PingPong {
        final Thread[] players = new Thread[2];
        volatile int turn;

        void play(int me, int rounds) {
            Thread other = players[1 - me];
            for (int i = 0; i < rounds; i++) {
                while (turn != me) {
                    LockSupport.park(this);
                }
                turn = 1 - me;
                LockSupport.unpark(other);
            }
        }
    }

    /**
     * The bare mechanism under {@code ctx.sleep(Duration.ZERO)} with the fast
     * coroutines: a virtual thread whose scheduler is one platform thread
     * (built through the JDK's non-public
     * {@code ThreadBuilders$VirtualThreadBuilder(Executor)}, as the library
     * builds a loop's, so the JVM must open {@code java.lang}); each switch
     * hands a wake-up to the scheduler and parks, and the scheduler unparks it.
     *
     * @throws ReflectiveOperationException       if the builder is not there
     * @throws java.lang.reflect.InaccessibleObjectException without the flag that opens {@code java.lang}
     */
    static long loopScheduled(int switches) throws Exception {
        ExecutorService scheduler = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().daemon().name("bare-loop").unstarted(r));
        try {
            Constructor<?> constructor = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            constructor.setAccessible(true);
            Thread.Builder.OfVirtual builder = (Thread.Builder.OfVirtual) constructor.newInstance(scheduler);
            AtomicLong elapsed = new AtomicLong();
            Thread task = builder.name("bare-loop-task").start(() -> {
                Thread me = Thread.currentThread();
                Runnable wake = () -> LockSupport.unpark(me);
                long start = System.nanoTime();
                for (int i = 0; i < switches; i++) {
                    scheduler.execute(wake); // runs once this thread has parked and left the scheduler's thread
                    LockSupport.park();
                }
                elapsed.set(System.nanoTime() - start);
            });
            joinWithin(task);
            return elapsed.get();
        } finally {
            scheduler.shutdown();
        }
    }

    /** One virtual thread yields its carrier {@code switches} times. */
    static long yielding(int switches) throws InterruptedException {
        AtomicLong elapsed = new AtomicLong();
        Thread yielder = Thread.ofVirtual().name("yielder").start(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < switches; i++) {
                Thread.yield();
            }
            elapsed.set(System.nanoTime() - start);
        });
        joinWithin(yielder);
        return elapsed.get();
    }

    /** How long a bare baseline's thread may take before the measurement gives up on it. */
    private static final java.time.Duration BASELINE_LIMIT = java.time.Duration.ofMinutes(2);

    /** Waits for a baseline's thread, at most {@link #BASELINE_LIMIT}. */
    private static void joinWithin(Thread thread) throws InterruptedException {
        if (!thread.join(BASELINE_LIMIT)) {
            throw new IllegalStateException(thread.getName() + " did not end within " + BASELINE_LIMIT);
        }
    }
}
