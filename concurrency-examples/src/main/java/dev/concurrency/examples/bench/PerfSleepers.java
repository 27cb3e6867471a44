package dev.concurrency.examples.bench;

import dev.concurrency.examples.text.Figures;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Perf}'s {@code sleepers} and {@code fallback}: tasks that each sleep,
 * in a fresh JVM per row ({@link PerfChild}), through
 * {@link SleepersBenchmark#once}, gated: each task waits until every task
 * has begun, then sleeps. Two children per row: one times a cold run and the
 * warm ones; the other samples resident memory and heap per task in its one
 * run, whose tasks sleep longer, once every task has entered its sleep (a
 * sample after some had woken counts as failed).
 */
final class PerfSleepers {

    /** The rows, in order: the loop strategies, VIRTUAL_THREAD, then the bare executor they are compared with. */
    static final List<SleepersBenchmark.Variant> ROWS = rows();
    private static final int EVENT_LOOP = 0;
    private static final int CALLBACK = 1;
    private static final int BARE = 3;
    /** The memory runs' tasks sleep this many times as long: every task must be asleep before the first wakes. */
    static final int MEMORY_SLEEP_FACTOR = 4;
    /** Fresh JVMs per row whose first run is timed: the wall targets are a fresh JVM's, and one start varies. */
    static final int FRESH_JVMS = 3;

    private PerfSleepers() {
    }

    private static List<SleepersBenchmark.Variant> rows() {
        List<SleepersBenchmark.Variant> rows = new ArrayList<>(SleepersBenchmark.variants());
        rows.add(SleepersBenchmark.BARE);
        return List.copyOf(rows);
    }

    /** A child's figures, or why it failed. */
    private record Child(Map<String, Double> figures, String failure) {
        double get(String name) {
            return figures == null ? Double.NaN : figures.getOrDefault(name, Double.NaN);
        }

        /** @return why its memory sample does not count, or {@code null} */
        String memoryFailure() {
            if (failure != null) {
                return failure;
            }
            double woken = get("woken");
            return woken > 0 ? Figures.grouped(woken) + " tasks woke before the sample" : null;
        }
    }

    /** Runs a child JVM; its failure makes a {@link Child} that says why. */
    private static Child child(List<String> args, boolean fastPath, PrintStream err) throws InterruptedException {
        try {
            return new Child(ChildJvm.run(args, fastPath, Perf.CHILD_TIMEOUT, err), null);
        } catch (java.io.IOException e) {
            err.println("perf: " + String.join(" ", args) + ": " + e);
            return new Child(null, e.getMessage());
        }
    }

    /** @return a child's timed runs: the cold one, then {@code passes} warm ones */
    private static Child timing(int row, int n, int sleepMs, int passes, boolean fastPath, PrintStream err)
            throws InterruptedException {
        return child(List.of(PerfChild.SLEEPERS, Integer.toString(row), Integer.toString(n), Integer.toString(sleepMs),
                Integer.toString(passes)), fastPath, err);
    }

    /** @return a child's one sampled run, its tasks sleeping {@value #MEMORY_SLEEP_FACTOR} times as long */
    private static Child memory(int row, int n, int sleepMs, PrintStream err) throws InterruptedException {
        return child(List.of(PerfChild.MEMORY, Integer.toString(row), Integer.toString(n),
                Integer.toString(MEMORY_SLEEP_FACTOR * sleepMs)), true, err);
    }

    static PerfTable sleepers(PerfOptions o, PrintStream err) throws InterruptedException {
        int n = o.sleepers();
        List<Child> timings = new ArrayList<>();
        List<double[]> colds = new ArrayList<>();
        List<Child> memories = new ArrayList<>();
        for (int row = 0; row < ROWS.size(); row++) {
            Child timing = timing(row, n, o.sleepMs(), o.passes(), true, err);
            double[] cold = new double[FRESH_JVMS];
            cold[0] = timing.get("cold");
            for (int jvm = 1; jvm < FRESH_JVMS; jvm++) {
                cold[jvm] = timing(row, n, o.sleepMs(), 0, true, err).get("cold");
            }
            timings.add(timing);
            colds.add(cold);
            memories.add(memory(row, n, o.sleepMs(), err));
        }
        Child bare = timings.get(BARE);
        Child bareMemory = memories.get(BARE);
        double bareCold = median(colds.get(BARE));
        PerfTable table = new PerfTable(String.format(Locale.ROOT, "sleepers: %,d gated tasks (each waits, "
                + "through its context, until all have begun, then sleeps %d ms); wall, fresh JVM: the median of "
                + "the first run in each of %d fresh JVMs (the targets are a user's first run), ratio against the "
                + "bare executor's likewise; wall, warm: the median of the %d later runs in the first of them; "
                + "memory: one more fresh JVM's one run, its tasks sleeping %d ms, samples resident memory (VmRSS, "
                + "before the GCs) and heap (after GCs) per task once every task sleeps, minus before the run; "
                + "baseline: the bare virtual-thread executor's (Thread.sleep tasks, gated by a join)", n,
                o.sleepMs(), FRESH_JVMS, o.passes(), MEMORY_SLEEP_FACTOR * o.sleepMs()));
        PerfTable.Target[] wall = {PerfTable.Target.ratioAtMost(1.0), PerfTable.Target.ratioAtMost(0.6),
                PerfTable.Target.NONE, PerfTable.Target.NONE};
        PerfTable.Target[] resident = {PerfTable.Target.atMost(1_536), PerfTable.Target.atMost(700),
                PerfTable.Target.ratioAtMost(1.2), PerfTable.Target.NONE};
        PerfTable.Target[] heap = {PerfTable.Target.atMost(SleepersBenchmark.HEAP_TARGET), PerfTable.Target.NONE,
                PerfTable.Target.NONE, PerfTable.Target.NONE};
        for (int row = 0; row < ROWS.size(); row++) {
            Child c = timings.get(row);
            String label = ROWS.get(row).label();
            double base = row == BARE ? Double.NaN : 1;
            if (c.failure() != null) {
                table.failed(label + " wall", c.failure());
            } else {
                double cold = median(colds.get(row));
                if (Double.isNaN(cold)) {
                    table.failed(label + " wall, fresh JVM", "a fresh JVM's run failed (see above)");
                } else {
                    table.row(label + " wall, fresh JVM", "s", cold, Double.NaN, base * bareCold, wall[row]);
                }
                table.row(label + " wall, warm", "s", Double.NaN, c.get("warm"), base * bare.get("warm"),
                        PerfTable.Target.NONE);
            }
            memory(table, label, memories.get(row), base, bareMemory, resident[row], heap[row]);
        }
        int million = o.millionSleepers();
        if (million > 0) {
            for (int row : new int[] {EVENT_LOOP, CALLBACK}) {
                Child c = memory(row, million, o.sleepMs(), err);
                String label = ROWS.get(row).label() + " " + Figures.grouped(million);
                if (c.failure() != null) {
                    table.failed(label + " wall", c.failure());
                } else {
                    table.row(label + " wall", "s", c.get("cold"), Double.NaN, Double.NaN,
                            PerfTable.Target.COMPLETED);
                }
                memory(table, label, c, Double.NaN, bareMemory, PerfTable.Target.NONE, PerfTable.Target.NONE);
            }
            table.takeaway(String.format(Locale.ROOT, "the %,d sleepers: one gated run each in a fresh JVM, "
                    + "sleeping %d ms, sampled as the memory rows", million, MEMORY_SLEEP_FACTOR * o.sleepMs()));
        }
        return table;
    }

    /** @return the median, or NaN if any figure is NaN (a run that failed) */
    private static double median(double[] figures) {
        for (double f : figures) {
            if (Double.isNaN(f)) {
                return Double.NaN;
            }
        }
        return Figures.median(figures);
    }

    /** Adds the resident and heap rows of a child; {@code base} is 1 to compare with the bare row, NaN not to. */
    private static void memory(PerfTable table, String label, Child c, double base, Child bare,
                               PerfTable.Target resident, PerfTable.Target heap) {
        if (c.failure() != null) {
            table.failed(label + " resident/task", c.failure());
            return;
        }
        if (Double.isNaN(c.get("rss"))) {
            table.failed(label + " resident/task", "a task woke before the sample (or no /proc/self/status)");
        } else {
            table.row(label + " resident/task", "B", c.get("rss"), Double.NaN, base * bare.get("rss"), resident);
        }
        String failure = c.memoryFailure();
        if (failure != null) {
            table.failed(label + " heap/task", failure + "'s GCs ended");
        } else {
            double bareHeap = bare.memoryFailure() == null ? bare.get("heap") : Double.NaN;
            table.row(label + " heap/task", "B", c.get("heap"), Double.NaN, base * bareHeap, heap);
        }
    }

    static PerfTable fallback(PerfOptions o, PrintStream err) throws InterruptedException {
        int n = o.sleepers();
        Child fallback = timing(EVENT_LOOP, n, o.sleepMs(), o.passes(), false, err);
        Child fast = timing(EVENT_LOOP, n, o.sleepMs(), o.passes(), true, err);
        Child echoFallback = echoChild(o, false, err);
        Child echoFast = echoChild(o, true, err);
        PerfTable table = new PerfTable(String.format(Locale.ROOT, "fallback: EVENT_LOOP in a JVM without "
                + "--add-opens java.base/java.lang=ALL-UNNAMED (the flag-free fallback coroutines) against one "
                + "with it (the fast path), a fresh JVM each; sleepers: %,d tasks sleeping %d ms as in sleepers "
                + "(warm: median of %d runs); echo: %s as in echo, %,d connections x %d round trips, median of %d "
                + "passes", n, o.sleepMs(), o.passes(), EchoBenchmark.EL1, o.connections(), o.roundTrips(),
                o.passes()));
        String sleepers = "EVENT_LOOP sleepers wall, fallback";
        String failure = paths(fallback, fast);
        if (failure != null) {
            table.failed(sleepers, failure);
        } else {
            table.row(sleepers, "s", fallback.get("cold"), fallback.get("warm"), fast.get("warm"),
                    PerfTable.Target.ratioAtMost(1.5));
        }
        String echo = "EVENT_LOOP echo, fallback";
        failure = paths(echoFallback, echoFast);
        if (failure != null) {
            table.failed(echo, failure);
        } else {
            table.row(echo, "round trips/s", Double.NaN, echoFallback.get("warm"), echoFast.get("warm"),
                    PerfTable.Target.ratioAtLeast(1 / 1.5));
        }
        return table;
    }

    /** @return why a pair of children does not compare the fallback with the fast path, or {@code null} */
    private static String paths(Child fallback, Child fast) {
        if (fallback.failure() != null) {
            return "without the flag: " + fallback.failure();
        }
        if (fast.failure() != null) {
            return "with the flag: " + fast.failure();
        }
        if (fallback.get("fast") != 0 || fast.get("fast") != 1) {
            return "the child JVMs did not run the expected coroutines (without the flag: fast=" + fallback.get("fast")
                    + ", with it: fast=" + fast.get("fast") + ")";
        }
        return null;
    }

    private static Child echoChild(PerfOptions o, boolean fastPath, PrintStream err) throws InterruptedException {
        return child(List.of(PerfChild.ECHO, Integer.toString(o.connections()), Integer.toString(o.roundTrips()),
                Integer.toString(o.passes())), fastPath, err);
    }

    /** A child's timed sleepers runs: the cold one, then {@code passes} warm ones. */
    static Map<String, Double> childRun(int row, int n, int sleepMs, int passes, PrintStream err) throws Exception {
        SleepersBenchmark.Variant variant = ROWS.get(row);
        Duration sleep = Duration.ofMillis(sleepMs);
        double cold = Double.NaN;
        double[] walls = new double[passes];
        for (int pass = -1; pass < passes; pass++) {
            SleepersBenchmark.Run run = SleepersBenchmark.once(variant, n, sleep, false, true, err);
            if (run.failure() != null) {
                throw new IllegalStateException(run.failure());
            }
            if (pass < 0) {
                cold = run.wallSeconds();
            } else {
                walls[pass] = run.wallSeconds();
            }
            err.printf(Locale.ROOT, "sleepers: %s %s, %,d tasks: %.3f s%n", pass < 0 ? "cold run" : "run " + (pass + 1)
                    + "/" + passes, variant.label(), n, run.wallSeconds());
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("cold", cold);
        figures.put("warm", passes == 0 ? Double.NaN : Figures.median(walls));
        figures.put("fast", LoopBenchmark.fastCoroutines() ? 1.0 : 0.0);
        return figures;
    }

    /** A child's one sampled sleepers run: its wall ({@code cold}), memory per task and tasks woken meanwhile. */
    static Map<String, Double> memoryRun(int row, int n, int sleepMs, PrintStream err) throws Exception {
        SleepersBenchmark.Variant variant = ROWS.get(row);
        err.printf(Locale.ROOT, "sleepers: memory run %s, %,d tasks sleeping %d ms%n", variant.label(), n, sleepMs);
        SleepersBenchmark.Run run = SleepersBenchmark.once(variant, n, Duration.ofMillis(sleepMs), true, true, err);
        if (run.failure() != null) {
            throw new IllegalStateException(run.failure());
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("cold", run.wallSeconds());
        figures.put("rss", run.rssPerTask());
        figures.put("heap", run.heapPerTask());
        figures.put("woken", (double) run.woken());
        figures.put("fast", LoopBenchmark.fastCoroutines() ? 1.0 : 0.0);
        return figures;
    }

    /** A child's echo row: {@link EchoBenchmark#EL1}'s median round trips per second. */
    static Map<String, Double> echoChildRun(int connections, int roundTrips, int passes, PrintStream err)
            throws Exception {
        EchoBenchmark.Samples samples = EchoBenchmark.samples(EchoBenchmark.rows(EchoBenchmark.EL1), connections,
                roundTrips, passes, err);
        if (samples.failure()[0] != null) {
            throw new IllegalStateException(samples.failure()[0]);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("warm", Figures.median(samples.rates()[0]));
        figures.put("fast", LoopBenchmark.fastCoroutines() ? 1.0 : 0.0);
        return figures;
    }
}
