package dev.concurrency.examples.experiments;

import dev.concurrency.Gil;
import dev.concurrency.Server;
import dev.concurrency.Strategy;
import dev.concurrency.examples.load.EchoServers;
import dev.concurrency.examples.load.Footprint;
import dev.concurrency.examples.load.LoadClient;
import dev.concurrency.examples.load.LoadGenerator;
import dev.concurrency.examples.report.BarChart;
import dev.concurrency.examples.report.LineChart;
import dev.concurrency.examples.report.Section;
import dev.concurrency.examples.report.Series;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One thread, many requests: a line-echo server per strategy
 * ({@link EchoServers}), without and with python3's GIL, loaded by
 * {@link LoadGenerator} in a JVM of its own (a plain NIO client, so the
 * figures are the server's) with so many connections at once, each sending a
 * 64-byte line as soon as the last one came back. Per row: requests per
 * second and latency over a counted window (after a warm-up), the threads the
 * server added, and the rise of its resident set per connection as the
 * connections opened (each read after a GC of this JVM).
 */
final class ServeExperiment {

    static final String TITLE = "Serve";
    static final List<Gil> LOCKS = List.of(Gil.off(), Gil.python3());
    private ServeExperiment() {
    }

    static Section run(Settings settings, PrintStream err) throws IOException {
        List<ServeRow> measured = new ArrayList<>();
        LoadClient load = LoadClient.start();
        try {
            for (Strategy strategy : settings.strategies()) {
                for (Gil gil : LOCKS) {
                    load = measure(settings, strategy, gil, load, measured, err);
                }
            }
        } finally {
            load.close();
        }
        List<ServeRow> rows = inTableOrder(settings, measured);
        int largest = settings.connections().getLast();
        Table table = table(settings, rows).takeaway(Takeaways.serve(rows, largest));
        return new Section(TITLE, "One thread, many requests: an echo server under each strategy, loaded from"
                + " another JVM; what each connection costs in threads and memory, and what a GIL does to it.",
                List.of(table), charts(settings, rows), null);
    }

    /**
     * Starts the strategy's server under the lock and measures it at each number of connections.
     *
     * @return the load client to use next: a new one if this one failed
     */
    private static LoadClient measure(Settings settings, Strategy strategy, Gil gil, LoadClient load,
                                      List<ServeRow> rows, PrintStream err) throws IOException {
        Footprint started = Footprint.ofServer(Set.of(load.pid()));
        Server server;
        try {
            server = EchoServers.start(strategy, gil, settings.connections().getLast());
        } catch (IOException | RuntimeException e) {
            for (int n : settings.connections()) {
                rows.add(report(ServeRow.failed(strategy, gil, n, "failed: the server: " + e), err));
            }
            return load;
        }
        try (server) {
            for (int n : settings.connections()) {
                try {
                    Footprint idle = settled(load);
                    load.open(server.address(), n, settings.serveWarmUp(), settings.serveWindow());
                    Footprint open = settled(load);
                    LoadClient.Result result = load.drive();
                    double perConnection = open.known() && idle.known()
                            ? (open.residentBytes() - idle.residentBytes()) / (double) n : Double.NaN;
                    // threads that ended meanwhile (an earlier server's) could make it negative: none were added
                    long threads = open.known() && started.known() ? Math.max(0, open.threads() - started.threads())
                            : -1;
                    rows.add(report(new ServeRow(strategy, gil, n, result, threads, open.residentBytes(),
                            perConnection, null), err));
                } catch (IOException e) {
                    rows.add(report(ServeRow.failed(strategy, gil, n, "failed: " + e.getMessage()), err));
                    load.close(); // it may be anywhere in its command: start afresh
                    load = LoadClient.start();
                }
            }
        }
        return load;
    }

    /**
     * The server's footprint after a GC of this JVM: the resident set then moves with what the connections
     * hold more than with the garbage of the row before.
     */
    private static Footprint settled(LoadClient load) {
        System.gc();
        return Footprint.ofServer(Set.of(load.pid()));
    }

    private static ServeRow report(ServeRow row, PrintStream err) {
        err.println(String.format(Locale.ROOT, "serve: %s, %,d connections: ", row.label(), row.connections())
                + (row.ran() ? String.format(Locale.ROOT, "%,.0f requests/s", row.requestsPerSecond())
                : row.failure()));
        return row;
    }

    /** @return the rows by connections, then lock, then strategy in the settings' order */
    private static List<ServeRow> inTableOrder(Settings settings, List<ServeRow> rows) {
        return rows.stream().sorted(Comparator.comparingInt(ServeRow::connections)
                .thenComparingInt(r -> LOCKS.indexOf(r.gil()))
                .thenComparingInt(r -> settings.strategies().indexOf(r.strategy()))).toList();
    }

    static Table table(Settings settings, List<ServeRow> rows) {
        String title = String.format(Locale.ROOT, "%s: echo server per strategy (EVENT_LOOP, CALLBACK: loops(1);"
                        + " PROCESS: workers(%d)), %s concurrent connections from a client JVM, each a %d-byte line"
                        + " at a time; %s s counted after %s s; +threads: added by the server (its workers'"
                        + " included); RSS: the server's with every connection open; RSS/conn: its rise as they"
                        + " opened", TITLE, Runtime.getRuntime().availableProcessors(),
                String.join(" / ", settings.connections().stream()
                        .map(n -> String.format(Locale.ROOT, "%,d", n)).toList()),
                LoadGenerator.LINE_BYTES, Figures.seconds(settings.serveWindow()),
                Figures.seconds(settings.serveWarmUp()));
        Table table = new Table(title, List.of("run", "conns", "requests/s", "p50 (ms)", "p99 (ms)", "+threads",
                "RSS (MiB)", "RSS/conn"), List.of("requests"));
        for (ServeRow row : rows) {
            if (!row.ran()) {
                table.note(String.format(Locale.ROOT, "%s, %,d conns", row.label(), row.connections()), row.failure());
                continue;
            }
            LoadClient.Result r = row.result();
            table.row(row.label(), Figures.grouped(row.connections()), Figures.grouped(r.requestsPerSecond()),
                    millis(r.p50()), millis(r.p99()), row.threads() < 0 ? Figures.NONE : Figures.grouped(row.threads()),
                    row.residentBytes() < 0 ? Figures.NONE : Figures.fixed(row.residentBytes() / 1048576.0, 1),
                    Figures.bytes(row.residentPerConnection()), Figures.grouped(r.requests()));
        }
        return table;
    }

    private static String millis(Duration d) {
        return Figures.fixed(d.toNanos() / 1e6, 3);
    }

    /** Requests per second per strategy (bars per connections and lock), resident set per connection. */
    static List<String> charts(Settings settings, List<ServeRow> rows) {
        List<String> strategies = settings.strategies().stream().map(Strategy::name).toList();
        List<Series> rates = new ArrayList<>();
        for (int n : settings.connections()) {
            for (Gil gil : LOCKS) {
                rates.add(new Series(String.format(Locale.ROOT, "%,d conns, %s", n, gil.isOff() ? "no GIL"
                        : "python3"), settings.strategies().stream()
                        .map(s -> figure(rows, s, gil, n, ServeRow::requestsPerSecond)).toList()));
            }
        }
        List<Double> xs = settings.connections().stream().map(Integer::doubleValue).toList();
        List<Series> memory = settings.strategies().stream().map(s -> new Series(s.name(), settings.connections()
                .stream().map(n -> figure(rows, s, Gil.off(), n, ServeRow::residentPerConnection)).toList())).toList();
        return List.of(
                new BarChart("Serve: echo requests per second", "requests per second", strategies, rates,
                        Series.spanTenfold(rates)).toSvg(),
                new LineChart("Serve: resident memory per connection, no GIL", "concurrent connections",
                        "resident set per connection (bytes)", xs, memory, true).toSvg());
    }

    private static double figure(List<ServeRow> rows, Strategy strategy, Gil gil, int connections,
                                 ToDoubleFunction<ServeRow> figure) {
        return rows.stream().filter(r -> r.ran() && r.strategy() == strategy && r.gil().equals(gil)
                && r.connections() == connections).mapToDouble(figure).findFirst().orElse(Double.NaN);
    }
}
