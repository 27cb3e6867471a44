package dev.concurrency.examples.gil;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

/**
 * The CPU-bound experiment: two tasks that each compute a recursive Fibonacci
 * number, calling {@link TaskContext#checkpoint()} on every call (the
 * interpreter's switch point between bytecodes), run one after the other and
 * then side by side, each way without a GIL, with {@code python3} and with
 * {@code python2}. One after the other with a lock shows what its checkpoints
 * cost alone, so that side by side can be compared with the same lock, as
 * CPython's two threads are compared with its one. Last, the two tasks on
 * two worker processes, each with its own {@code python3} lock, as two Python
 * processes would run them. The size is calibrated so that one task takes
 * about the target time alone.
 */
public final class CpuBound {

    static final String TITLE = "CPU-bound";
    static final String SEQUENTIAL = "sequential";
    static final Gil PYTHON3 = Gil.python3();
    static final Gil PYTHON2 = Gil.python2();
    static final List<Gil> LOCKS = List.of(Gil.off(), PYTHON3, PYTHON2);
    /** The size calibration starts from; fib(20) takes well under a millisecond. */
    private static final int FIRST_N = 20;
    /** How long fib runs, at least, before the calibration times it. */
    private static final Duration WARM_UP = Duration.ofMillis(300);
    private static final double PHI = (1 + Math.sqrt(5)) / 2;

    private CpuBound() {
    }

    /**
     * fib(n), the slow way, with a checkpoint per call.
     *
     * @param n the size, {@code >= 0}
     */
    public record FibTask(int n) implements Task<Long> {
        @Override
        public Long run(TaskContext ctx) throws InterruptedException {
            return fib(ctx, n);
        }

        @Override
        public String name() {
            return "fib(" + n + ")";
        }
    }

    /**
     * fib(n), the slow way, with a checkpoint every {@code checkpointEvery}
     * calls: the GIL still changes hands within microseconds, while under
     * {@code EVENT_LOOP}, where every checkpoint is a suspension (about half
     * a microsecond), the checkpoints no longer cost many times the work.
     *
     * @param n               the size, {@code >= 0}
     * @param checkpointEvery calls between checkpoints, {@code > 0}
     */
    public record SparseFibTask(int n, int checkpointEvery) implements Task<Long> {
        @Override
        public Long run(TaskContext ctx) throws InterruptedException {
            return fib(ctx, n, new long[1]);
        }

        private long fib(TaskContext ctx, int k, long[] calls) throws InterruptedException {
            if (++calls[0] % checkpointEvery == 0) {
                ctx.checkpoint();
            }
            return k < 2 ? k : fib(ctx, k - 1, calls) + fib(ctx, k - 2, calls);
        }

        @Override
        public String name() {
            return "fib(" + n + ")";
        }
    }

    /**
     * The same work as {@link SparseFibTask} in callback style, for
     * {@code CALLBACK}: the recursion kept on an explicit stack of pending
     * sizes, sizes of at most {@value #PIECE} computed in one piece by
     * recursion, and a {@link AsyncContext#checkpoint()} stage at the end of
     * the piece in which another {@code checkpointEvery} calls were made, the
     * rest of the work chained after it.
     *
     * @param n               the size, {@code >= 0}
     * @param checkpointEvery calls between checkpoints, {@code > 0}
     */
    public record AsyncFibTask(int n, int checkpointEvery) implements AsyncTask<Long> {

        /** Sizes computed without a checkpoint: fib(12) is 465 calls, well under a checkpoint's worth. */
        static final int PIECE = 12;

        @Override
        public CompletionStage<Long> start(AsyncContext ctx) {
            return resume(ctx, new Pending(n));
        }

        private CompletionStage<Long> resume(AsyncContext ctx, Pending work) {
            while (!work.sizes.isEmpty()) {
                int k = work.sizes.pop();
                if (k <= PIECE) {
                    work.sum += fib(k, work);
                } else {
                    count(work);
                    work.sizes.push(k - 2);
                    work.sizes.push(k - 1);
                }
                if (work.checkpointDue && !work.sizes.isEmpty()) {
                    work.checkpointDue = false;
                    return ctx.checkpoint().thenCompose(v -> resume(ctx, work));
                }
            }
            return CompletableFuture.completedFuture(work.sum);
        }

        /** fib(k) counting its calls as {@link SparseFibTask} does, so that both forms do the same work per call. */
        private long fib(int k, Pending work) {
            count(work);
            return k < 2 ? k : fib(k - 1, work) + fib(k - 2, work);
        }

        private void count(Pending work) {
            if (++work.calls % checkpointEvery == 0) {
                work.checkpointDue = true;
            }
        }

        @Override
        public String name() {
            return "fib(" + n + ") (AsyncTask)";
        }

        /** One run's state: the sizes still to add up, the sum and calls so far; touched by one stage at a time. */
        private static final class Pending {
            final ArrayDeque<Integer> sizes = new ArrayDeque<>();
            long sum;
            long calls;
            boolean checkpointDue;

            Pending(int n) {
                sizes.push(n);
            }
        }
    }

    static long fib(TaskContext ctx, int n) throws InterruptedException {
        ctx.checkpoint();
        return n < 2 ? n : fib(ctx, n - 1) + fib(ctx, n - 2);
    }

    /**
     * Finds the smallest n from which fib(n) takes at least {@code target / sqrt(phi)}
     * of CPU time on this machine, as a task alone under {@code THREAD} without a
     * GIL, so that one task takes between about 0.8 and 1.3 times the target (CPU
     * time, so that other load on the machine does not shrink the size). First
     * runs fib for a while so that the measurements time compiled code.
     *
     * @param target how long one task should take alone
     * @param err    where progress goes
     * @return the size and how long it took
     */
    public static Calibration calibrate(Duration target, PrintStream err) {
        return calibrate(target, err, FibTask::new);
    }

    /**
     * As {@link #calibrate(Duration, PrintStream)}, timing the given form of
     * fib(n) rather than one with a checkpoint per call.
     *
     * @param target how long one task should take alone
     * @param err    where progress goes
     * @param work   the task computing fib(n), for a size n
     * @return the size and how long it took
     */
    public static Calibration calibrate(Duration target, PrintStream err, IntFunction<? extends Task<Long>> work) {
        long warmUpNanos = Math.max(WARM_UP.toNanos(), target.toNanos());
        Task<Long> warmUp = ctx -> {
            long end = System.nanoTime() + warmUpNanos;
            long rounds = 0;
            while (System.nanoTime() < end) {
                fib(ctx, FIRST_N);
                rounds++;
            }
            return rounds;
        };
        Concurrency.run(List.of(warmUp), RunOptions.of(Strategy.THREAD).maxConcurrency(1)).values();
        double goal = target.toNanos() / Math.sqrt(PHI);
        int n = FIRST_N;
        while (true) {
            long nanos = timeAlone(work.apply(n));
            err.printf(Locale.ROOT, "cpu: calibrating: fib(%d) took %.3f s of CPU%n", n, nanos / 1e9);
            if (nanos >= goal) {
                return new Calibration(n, Duration.ofNanos(nanos));
            }
            // fib(n + 1) takes about phi times fib(n); step short of the goal, never past it
            n += Math.max(1, (int) Math.floor(Math.log(goal / Math.max(nanos, 1)) / Math.log(PHI)));
        }
    }

    /**
     * @param n    the size of each task's fib
     * @param time the CPU time fib(n) took alone when calibrating
     */
    public record Calibration(int n, Duration time) {
    }

    /** @return the CPU time fib(n) takes alone (wall time where the JVM cannot tell a thread's CPU time) */
    private static long timeAlone(Task<Long> work) {
        Task<Long> timed = ctx -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            boolean cpu = threads.isCurrentThreadCpuTimeSupported();
            long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            work.run(ctx);
            return (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
        };
        return Concurrency.run(List.of(timed), RunOptions.of(Strategy.THREAD).maxConcurrency(1)).values().getFirst();
    }

    /**
     * The variants, in table order: one task at a time without a GIL (the
     * baseline) and with each lock (what the lock's checkpoints cost with
     * nothing to contend with), then both tasks at once without and with each.
     */
    static List<Runs.Variant> variants() {
        RunOptions thread = RunOptions.of(Strategy.THREAD);
        List<Runs.Variant> variants = new ArrayList<>();
        for (Gil gil : LOCKS) {
            variants.add(new Runs.Variant(gil.isOff() ? SEQUENTIAL : SEQUENTIAL + ", " + Figures.label(gil),
                    thread.maxConcurrency(1).gil(gil)));
        }
        for (Gil gil : LOCKS) {
            variants.add(new Runs.Variant("THREAD, " + Figures.label(gil), thread.gil(gil)));
        }
        variants.add(new Runs.Variant(processLabel(), RunOptions.of(Strategy.PROCESS).workers(2).gil(PYTHON3)));
        return variants;
    }

    /** @return {@code wall / baseline}, 3 decimals; {@link Figures#NONE} without a baseline */
    private static String ratio(Duration wall, Duration baseline) {
        return baseline == null ? Figures.NONE : Figures.fixed((double) wall.toNanos() / baseline.toNanos(), 3);
    }

    /** @return the row label of the experiment's PROCESS run: two workers, each with its own lock */
    static String processLabel() {
        return "PROCESS, " + Figures.label(PYTHON3);
    }

    /**
     * Runs the experiment.
     *
     * @return the title line and the table
     */
    static String run(GilExperiment.Sizes sizes, PrintStream err) {
        Calibration calibration = calibrate(sizes.fibTarget(), err);
        int n = calibration.n();
        List<Runs.Variant> variants = variants();
        // each variant's own paths (the lock's hand-over, the check interval) compiled before it is timed
        Runs.medians(variants, List.of(new FibTask(n - 6), new FibTask(n - 6)), 1, "cpu: warm-up", err);
        List<Runs.Measured> rows = Runs.medians(variants, List.of(new FibTask(n), new FibTask(n)),
                sizes.cpuRounds(), "cpu: run", err);

        Table table = new Table(null, "run", "wall (s)", "cpu (s)", "cpu/wall", "vs seq", "vs seq, same GIL", "drops",
                "switches", "GIL wait (s)");
        Map<Gil, Duration> sequential = new HashMap<>();
        for (Runs.Measured m : rows) {
            if (m.stats() != null && m.variant().options().maxConcurrency().isPresent()) {
                sequential.put(m.variant().options().gil(), m.stats().wallTime());
            }
        }
        for (Runs.Measured m : rows) {
            if (m.failure() != null) {
                table.note(m.variant().label(), m.failure());
                continue;
            }
            Duration wall = m.stats().wallTime();
            Duration cpu = m.stats().cpuTime();
            Gil gil = m.variant().options().gil();
            List<String> cells = new ArrayList<>(List.of(m.variant().label(), Figures.seconds(wall),
                    Figures.seconds(cpu), Figures.fixed((double) cpu.toNanos() / wall.toNanos(), 2),
                    ratio(wall, sequential.get(Gil.off())), ratio(wall, sequential.get(gil))));
            cells.addAll(Figures.gilCells(gil, m.stats().gil()));
            table.row(cells.toArray(String[]::new));
        }
        return String.format(Locale.ROOT,
                "%s: 2 tasks, each fib(%d) with a checkpoint per call (%s s of CPU alone when calibrated); THREAD,"
                        + " and PROCESS with 2 workers (their start-up included); median of %d run(s)%n",
                TITLE, n, Figures.seconds(calibration.time()), sizes.cpuRounds()) + table.format();
    }
}
