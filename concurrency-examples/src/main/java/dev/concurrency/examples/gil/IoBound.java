package dev.concurrency.examples.gil;

import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import dev.concurrency.examples.workloads.DelayedHttpServer;
import dev.concurrency.examples.workloads.HttpRequestTask;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The I/O-bound experiment: N HTTP requests to the embedded
 * {@link DelayedHttpServer}, all at once under {@code THREAD}, without a GIL
 * and with each kind. Every request waits on its socket, and every socket wait
 * releases the lock, so the lock should hardly matter.
 */
final class IoBound {

    static final String TITLE = "I/O-bound";
    static final String BASELINE = "THREAD, " + Figures.label(Gil.off());
    /** A request that takes this much longer than the server's delay is stuck; it times out rather than hang. */
    private static final Duration TIMEOUT_SLACK = Duration.ofSeconds(30);

    private IoBound() {
    }

    /** The variants, in table order; the first, without a GIL, is the baseline. */
    static List<Runs.Variant> variants(Duration delay) {
        RunOptions thread = RunOptions.of(Strategy.THREAD).taskTimeout(delay.plus(TIMEOUT_SLACK));
        List<Runs.Variant> variants = new ArrayList<>();
        for (Gil gil : List.of(Gil.off(), CpuBound.PYTHON3, CpuBound.PYTHON2)) {
            variants.add(new Runs.Variant("THREAD, " + Figures.label(gil), thread.gil(gil)));
        }
        return variants;
    }

    /**
     * Runs the experiment.
     *
     * @return the title line and the table
     * @throws IOException if the server cannot start
     */
    static String run(GilExperiment.Sizes sizes, PrintStream err) throws IOException {
        int requests = sizes.ioRequests();
        try (DelayedHttpServer server = DelayedHttpServer.start(sizes.ioDelay(), requests)) {
            err.println("io: server: " + server);
            List<HttpRequestTask> tasks = Collections.nCopies(requests,
                    new HttpRequestTask(server.address(), DelayedHttpServer.PATH));
            List<Runs.Variant> variants = variants(sizes.ioDelay());
            Runs.medians(variants, tasks, 1, "io: warm-up", err);
            List<Runs.Measured> rows = Runs.medians(variants, tasks, sizes.ioRounds(), "io: run", err);

            Table table = new Table(null, "run", "wall (s)", "cpu (s)", "vs " + BASELINE, "wall change",
                    "drops", "switches", "GIL wait (s)");
            Duration baseline = rows.getFirst().stats() == null ? null : rows.getFirst().stats().wallTime();
            for (Runs.Measured m : rows) {
                if (m.failure() != null) {
                    table.note(m.variant().label(), m.failure());
                    continue;
                }
                Duration wall = m.stats().wallTime();
                double ratio = baseline == null ? Double.NaN : (double) wall.toNanos() / baseline.toNanos();
                List<String> cells = new ArrayList<>(List.of(m.variant().label(), Figures.seconds(wall),
                        Figures.seconds(m.stats().cpuTime()),
                        baseline == null ? Figures.NONE : Figures.fixed(ratio, 3),
                        baseline == null ? Figures.NONE : String.format(Locale.ROOT, "%+.1f%%", (ratio - 1) * 100)));
                cells.addAll(Figures.gilCells(m.variant().options().gil(), m.stats().gil()));
                table.row(cells.toArray(String[]::new));
            }
            return String.format(Locale.ROOT, "%s: %d HTTP requests at once, server delay %s each; THREAD;"
                            + " median of %d run(s)%n", TITLE, requests, Figures.millis(sizes.ioDelay()),
                    sizes.ioRounds()) + table.format();
        }
    }
}
