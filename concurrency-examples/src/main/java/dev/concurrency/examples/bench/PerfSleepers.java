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
 * has begun, then sleeps. A child's first run is the cold one, and the memory
 * sample: resident memory and heap per task, taken once every task has
 * entered its sleep (a sample after some had woken counts as failed); then
 * its warm runs, whose median wall time is shown.
 */
final class PerfSleepers {

    /** The rows, in order: the loop strategies, VIRTUAL_THREAD, then the bare executor they are compared with. */
    static final List<SleepersBenchmark.Variant> ROWS = rows();
    private static final int EVENT_LOOP = 0;
    private static final int CALLBACK = 1;
    private static final int BARE = 3;

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

    private static Child child(int row, int n, int sleepMs, int passes, boolean fastPath, PrintStream err)
            throws InterruptedException {
        try {
            return new Child(ChildJvm.run(List.of(PerfChild.SLEEPERS, Integer.toString(row), Integer.toString(n),
                    Integer.toString(sleepMs), Integer.toString(passes)), fastPath, Perf.CHILD_TIMEOUT, err), null);
        } catch (java.io.IOException e) {
            err.println("perf: sleepers " + ROWS.get(row).label() + ": " + e);
            return new Child(null, e.getMessage());
        }
    }

    static PerfTable sleepers(PerfOptions o, PrintStream err) throws InterruptedException {
        int n = o.sleepers();
        List<Child> children = new ArrayList<>();
        for (int row = 0; row < ROWS.size(); row++) {
            children.add(child(row, n, o.sleepMs(), o.passes(), true, err));
        }
        Child bare = children.get(BARE);
        PerfTable table = new PerfTable(String.format(Locale.ROOT, "sleepers: %,d gated tasks (each waits, "
                + "through its context, until all have begun, then sleeps %d ms), a fresh JVM per row; cold: its "
                + "first run, which also samples resident memory (VmRSS, before the GCs) and heap (after GCs) per "
                + "task once every task sleeps, minus before the run (its wall includes those GCs); warm: median "
                + "wall of its %d later runs; baseline: the bare virtual-thread executor's (Thread.sleep tasks, "
                + "gated by a join)", n, o.sleepMs(), o.passes()));
        PerfTable.Target[] wall = {PerfTable.Target.ratioAtMost(1.0), PerfTable.Target.ratioAtMost(0.6),
                PerfTable.Target.NONE, PerfTable.Target.NONE};
        PerfTable.Target[] resident = {PerfTable.Target.atMost(1_536), PerfTable.Target.atMost(700),
                PerfTable.Target.ratioAtMost(1.2), PerfTable.Target.NONE};
        PerfTable.Target[] heap = {PerfTable.Target.atMost(SleepersBenchmark.HEAP_TARGET), PerfTable.Target.NONE,
                PerfTable.Target.NONE, PerfTable.Target.NONE};
        for (int row = 0; row < ROWS.size(); row++) {
            Child c = children.get(row);
            String label = ROWS.get(row).label();
            double base = row == BARE ? Double.NaN : 1;
            if (c.failure() != null) {
                table.failed(label + " wall", c.failure());
            } else {
                table.row(label + " wall", "s", c.get("cold"), c.get("warm"), base * bare.get("warm"), wall[row]);
            }
            memory(table, label, c, base, bare, resident[row], heap[row]);
        }
        int million = o.millionSleepers();
        if (million > 0) {
            for (int row : new int[] {EVENT_LOOP, CALLBACK}) {
                Child c = child(row, million, o.sleepMs(), 0, true, err);
                String label = ROWS.get(row).label() + " " + Figures.grouped(million);
                if (c.failure() != null) {
                    table.failed(label + " wall", c.failure());
                } else {
                    table.row(label + " wall", "s", c.get("cold"), Double.NaN, Double.NaN,
                            PerfTable.Target.COMPLETED);
                }
                memory(table, label, c, Double.NaN, bare, PerfTable.Target.NONE, PerfTable.Target.NONE);
            }
            table.takeaway(String.format(Locale.ROOT, "the %,d sleepers: one gated run each in a fresh JVM",
                    million));
        }
        return table;
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
        Child fallback = child(EVENT_LOOP, n, o.sleepMs(), o.passes(), false, err);
        Child fast = child(EVENT_LOOP, n, o.sleepMs(), o.passes(), true, err);
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
            if (!Double.isNaN(fallback.get("rss")) && !Double.isNaN(fast.get("rss"))) {
                table.row("EVENT_LOOP sleepers resident/task, fallback", "B", fallback.get("rss"), Double.NaN,
                        fast.get("rss"), PerfTable.Target.NONE);
            }
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
        try {
            return new Child(ChildJvm.run(List.of(PerfChild.ECHO, Integer.toString(o.connections()),
                    Integer.toString(o.roundTrips()), Integer.toString(o.passes())), fastPath, Perf.CHILD_TIMEOUT,
                    err), null);
        } catch (java.io.IOException e) {
            err.println("perf: echo child: " + e);
            return new Child(null, e.getMessage());
        }
    }

    /** A child's sleepers row: the cold run with its memory sample, then {@code passes} warm runs. */
    static Map<String, Double> childRun(int row, int n, int sleepMs, int passes, PrintStream err) throws Exception {
        SleepersBenchmark.Variant variant = ROWS.get(row);
        Duration sleep = Duration.ofMillis(sleepMs);
        err.printf(Locale.ROOT, "sleepers: cold run %s, %,d tasks sleeping %d ms%n", variant.label(), n, sleepMs);
        SleepersBenchmark.Run cold = SleepersBenchmark.once(variant, n, sleep, true, true, err);
        if (cold.failure() != null) {
            throw new IllegalStateException(cold.failure());
        }
        double[] walls = new double[passes];
        for (int pass = 0; pass < passes; pass++) {
            SleepersBenchmark.Run run = SleepersBenchmark.once(variant, n, sleep, false, true, err);
            if (run.failure() != null) {
                throw new IllegalStateException(run.failure());
            }
            walls[pass] = run.wallSeconds();
            err.printf(Locale.ROOT, "sleepers: run %d/%d %s: %.3f s%n", pass + 1, passes, variant.label(), walls[pass]);
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("cold", cold.wallSeconds());
        figures.put("warm", passes == 0 ? Double.NaN : Figures.median(walls));
        figures.put("rss", cold.rssPerTask());
        figures.put("heap", cold.heapPerTask());
        figures.put("woken", (double) cold.woken());
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
