package dev.concurrency.examples.bench;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import dev.concurrency.examples.workloads.EchoServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * TCP round trips to a loopback line-echo server ({@link EchoServer}, in this
 * JVM): {@code connections} connections at once, each sending a 64-byte line
 * and reading it back {@code roundTrips} times. Rows: EVENT_LOOP with one and
 * with two loops, CALLBACK (the same as an {@link AsyncTask}), VIRTUAL_THREAD
 * (the EVENT_LOOP task), and {@link PlainSelectorClient}, the ceiling. One
 * warm-up pass, then {@code passes} passes over every row in turn; each row
 * shows the median of its passes, in round trips per second of wall time
 * (connecting included).
 */
final class EchoBenchmark {

    /** Bytes per line, {@code \n} included. */
    static final int LINE_BYTES = 64;
    private static final String TEXT = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_".substring(0, LINE_BYTES - 1);
    private static final ByteBuffer LINE = ByteBuffer.wrap((TEXT + "\n").getBytes(StandardCharsets.US_ASCII))
            .asReadOnlyBuffer();
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    static final String EL1 = "EVENT_LOOP loops(1)";
    static final String EL2 = "EVENT_LOOP loops(2)";
    static final String CALLBACK = "CALLBACK (AsyncTask) loops(1)";
    static final String VT = "VIRTUAL_THREAD";
    static final String PLAIN = "plain selector client";

    /** A labelled client: runs the whole workload once. */
    record Row(String label, Client client) {
    }

    /** Runs {@code connections} connections of {@code roundTrips} round trips each, to the end. */
    @FunctionalInterface
    interface Client {
        void run(InetSocketAddress server, int connections, int roundTrips) throws Exception;
    }

    static List<Row> rows() {
        return List.of(
                new Row(EL1, library(RunOptions.of(Strategy.EVENT_LOOP).loops(1), false)),
                new Row(EL2, library(RunOptions.of(Strategy.EVENT_LOOP).loops(2), false)),
                new Row(CALLBACK, library(RunOptions.of(Strategy.CALLBACK).loops(1), true)),
                new Row(VT, library(RunOptions.of(Strategy.VIRTUAL_THREAD), false)),
                new Row(PLAIN, (server, connections, roundTrips) ->
                        PlainSelectorClient.run(server, connections, roundTrips, LINE, RUN_TIMEOUT)));
    }

    private EchoBenchmark() {
    }

    static LoopBenchmark.Report measure(BenchOptions o, PrintStream err) throws IOException {
        List<Row> rows = rows();
        Samples samples = samples(rows, o.connections(), o.roundTrips(), o.passes(), err);
        return report(o, rows, samples.failure(), samples.rates());
    }

    /**
     * Each row's passes.
     *
     * @param failure per row, why it failed, or {@code null}
     * @param rates   per row, round trips per second of each pass
     */
    record Samples(String[] failure, double[][] rates) {
    }

    /**
     * Starts an echo server, runs a warm-up pass of every row, then {@code passes} passes over every row in turn.
     *
     * @return each row's figures
     * @throws IOException if the server could not start or failed
     */
    static Samples samples(List<Row> rows, int connections, int roundTrips, int passes, PrintStream err)
            throws IOException {
        String[] failure = new String[rows.size()];
        double[][] rates = new double[rows.size()][passes];
        try (EchoServer server = EchoServer.start(Math.max(connections, 128))) {
            err.println("echo: server " + server);
            int warmUp = Math.min(connections, 100);
            for (int r = 0; r < rows.size(); r++) {
                err.printf("echo: warm-up %s, %,d connections x %d round trips%n", rows.get(r).label(), warmUp, roundTrips);
                failure[r] = failure(rows.get(r), server, warmUp, roundTrips, err);
            }
            for (int p = 0; p < passes; p++) {
                for (int r = 0; r < rows.size(); r++) {
                    if (failure[r] != null) continue;
                    Row row = rows.get(r);
                    long start = System.nanoTime();
                    failure[r] = failure(row, server, connections, roundTrips, err);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rates[r][p] = (double) connections * roundTrips / seconds;
                    err.printf("echo: pass %d/%d %s: %,.0f round trips/s%n", p + 1, passes, row.label(), rates[r][p]);
                }
            }
            if (server.failure() != null) {
                throw new IOException("the echo server failed", server.failure());
            }
        }
        return new Samples(failure, rates);
    }

    /** @return the rows of {@link #rows()} with these labels, in this order */
    static List<Row> rows(String... labels) {
        List<Row> all = rows();
        return Arrays.stream(labels).map(label -> all.stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no echo row " + label))).toList();
    }

    /** Runs the row once; returns why it failed, or {@code null}. */
    private static String failure(Row row, EchoServer server, int connections, int roundTrips, PrintStream err) {
        try {
            row.client().run(server.address(), connections, roundTrips);
            return null;
        } catch (Exception e) {
            err.println("echo: " + row.label() + " failed: " + e);
            return "failed: " + e;
        }
    }

    private static LoopBenchmark.Report report(BenchOptions o, List<Row> rows, String[] failure, double[][] rates) {
        Table table = new Table(String.format("echo: %,d connections x %d round trips of a %d-byte line, "
                        + "loopback; median of %d interleaved passes", o.connections(), o.roundTrips(), LINE_BYTES,
                        o.passes()),
                "client", "round trips/s", "min", "max", "vs plain");
        double[] medians = new double[rows.size()];
        int failures = 0;
        int plain = rows.size() - 1;
        for (int r = 0; r < rows.size(); r++) {
            medians[r] = failure[r] == null ? Figures.median(rates[r]) : Double.NaN;
        }
        for (int r = 0; r < rows.size(); r++) {
            if (failure[r] != null) {
                table.note(rows.get(r).label(), failure[r]);
                failures++;
                continue;
            }
            double[] sorted = rates[r].clone();
            Arrays.sort(sorted);
            table.row(rows.get(r).label(), Figures.grouped(medians[r]), Figures.grouped(sorted[0]),
                    Figures.grouped(sorted[sorted.length - 1]),
                    Double.isNaN(medians[plain]) ? Figures.NONE : Figures.fixed(medians[r] / medians[plain], 2));
        }
        Table targets = new Table("echo: targets (ratios of the medians)", "ratio", "measured", "goal", "verdict");
        target(targets, CALLBACK + " / " + PLAIN, medians[2], medians[plain], 0.7);
        target(targets, EL1 + " / " + VT, medians[0], medians[3], 0.8);
        target(targets, EL2 + " / " + VT, medians[1], medians[3], 1.0);
        return new LoopBenchmark.Report(List.of(table, targets), failures);
    }

    private static void target(Table targets, String label, double a, double b, double goal) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            targets.note(label, "not measured");
        } else {
            double ratio = a / b;
            targets.row(label, Figures.fixed(ratio, 2), ">= " + Figures.fixed(goal, 1), Figures.verdict(ratio >= goal));
        }
    }

    /** Runs the direct-style or the async task once per connection under the options; every task must succeed. */
    private static Client library(RunOptions options, boolean async) {
        return (server, connections, roundTrips) -> {
            Task<Integer> task = async ? asyncEcho(server, roundTrips) : echo(server, roundTrips);
            Results<Integer> results = Concurrency.run(Collections.nCopies(connections, task),
                    options.deadline(RUN_TIMEOUT));
            if (!results.allSucceeded()) {
                throw new IOException(SleepersBenchmark.failure(results));
            }
        };
    }

    /** Connects, then writes the line and reads it back {@code roundTrips} times. */
    static Task<Integer> echo(InetSocketAddress server, int roundTrips) {
        return ctx -> {
            try (Connection connection = ctx.connect(server)) {
                for (int i = 0; i < roundTrips; i++) {
                    connection.write(LINE.duplicate());
                    check(connection.readLine(), i);
                }
            }
            return roundTrips;
        };
    }

    /** The same as an {@link AsyncTask}: each round trip starts when the last one's line has come back. */
    static AsyncTask<Integer> asyncEcho(InetSocketAddress server, int roundTrips) {
        return ctx -> ctx.connect(server).thenCompose(connection -> {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            roundTrip(connection, 0, roundTrips, done);
            return done.whenComplete((n, e) -> connection.close());
        });
    }

    private static void roundTrip(AsyncConnection connection, int i, int roundTrips, CompletableFuture<Integer> done) {
        if (i == roundTrips) {
            done.complete(roundTrips);
            return;
        }
        connection.write(LINE.duplicate())
                .thenCompose(v -> connection.readLine())
                .whenComplete((line, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                        return;
                    }
                    try {
                        check(line, i);
                    } catch (IOException e) {
                        done.completeExceptionally(e);
                        return;
                    }
                    roundTrip(connection, i + 1, roundTrips, done);
                });
    }

    private static void check(String line, int i) throws IOException {
        if (!TEXT.equals(line)) {
            throw new IOException("round trip " + i + ": echoed " + (line == null ? "nothing" : "'" + line + "'"));
        }
    }

    /** @return the rows' labels, in order, for tests */
    static List<String> labels() {
        return rows().stream().map(Row::label).toList();
    }
}
