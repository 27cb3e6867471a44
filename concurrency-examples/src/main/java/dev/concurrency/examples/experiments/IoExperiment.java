package dev.concurrency.examples.experiments;

import dev.concurrency.Comparison;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.examples.report.Section;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import dev.concurrency.examples.workloads.DelayedHttpServer;
import dev.concurrency.examples.workloads.HttpRequestTask;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * I/O-bound tasks: HTTP requests to the embedded {@link DelayedHttpServer},
 * which answers each after a fixed delay; sequential and under each strategy,
 * without and with a GIL. Every socket wait releases the lock, so the lock
 * should hardly matter, and every strategy should beat one at a time.
 */
final class IoExperiment {

    static final String TITLE = "I/O-bound";
    /** Requests each warm-up run makes, at most. */
    static final int WARM_UP_REQUESTS = 20;
    /** A request that takes this much longer than the server's delay is stuck; it times out rather than hang. */
    static final Duration TIMEOUT_SLACK = Duration.ofSeconds(30);

    private IoExperiment() {
    }

    /**
     * @throws IOException if the server cannot start
     */
    static Section run(Settings settings, PrintStream err) throws IOException {
        try (DelayedHttpServer server = DelayedHttpServer.start(settings.delay(), settings.requests())) {
            err.println("io: server: " + server);
            HttpRequestTask request = new HttpRequestTask(server.address(), DelayedHttpServer.PATH);
            List<HttpRequestTask> tasks = Collections.nCopies(settings.requests(), request);
            List<HttpRequestTask> warmUp = Collections.nCopies(Math.min(WARM_UP_REQUESTS, tasks.size()), request);
            RunOptions base = RunOptions.of(Strategy.THREAD).taskTimeout(settings.delay().plus(TIMEOUT_SLACK));
            GilComparison.Result result = GilComparison.run(new GilComparison.Work<>(s -> tasks, s -> warmUp),
                    base, settings.strategies(), "io", "I/O-bound: wall time per strategy, without and with a GIL",
                    err);
            String title = String.format(Locale.ROOT, "%s: %d HTTP requests, server delay %s each", TITLE,
                    tasks.size(), Figures.millis(settings.delay()));
            Table table = RowTables.gil(title, result.rows()).takeaway(Takeaways.io(result.rows()));
            return new Section(TITLE, "HTTP requests to a local server that answers each after a fixed delay:"
                    + " the tasks mostly wait, so every way of waiting together beats one at a time.",
                    List.of(table), List.of(result.wallChart().toSvg()),
                    Comparison.of(result.rows().stream().map(Measured::row).toList()));
        }
    }
}
