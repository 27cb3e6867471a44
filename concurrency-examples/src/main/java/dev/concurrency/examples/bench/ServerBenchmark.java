package dev.concurrency.examples.bench;

import dev.concurrency.Gil;
import dev.concurrency.Server;
import dev.concurrency.Strategy;
import dev.concurrency.examples.cli.CommandLine;
import dev.concurrency.examples.cli.Program;
import dev.concurrency.examples.load.EchoServers;
import dev.concurrency.examples.load.LoadClient;
import dev.concurrency.examples.load.LoadGenerator;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import dev.concurrency.examples.workloads.EchoServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The library's servers ({@link dev.concurrency.Concurrency#serve}) against a
 * hand-written one, loaded by {@link LoadGenerator} in a JVM of its own:
 *
 * <ul>
 *   <li>{@code echo}: a line-echo server under EVENT_LOOP loops(1), CALLBACK
 *       loops(1), VIRTUAL_THREAD and THREAD, and {@link EchoServer} (one
 *       platform thread, one selector: the baseline), all in this JVM;
 *       {@code --connections} connections at once, each sending a 64-byte line
 *       as soon as the last came back. Each server's first round in this fresh
 *       JVM, then warm-up rounds, then interleaved rounds whose median is
 *       reported, with its ratio to the baseline (targets: EVENT_LOOP at least
 *       0.8x, CALLBACK at least 0.9x);</li>
 *   <li>{@code idle}: {@code --idle-connections} idle connections held by an
 *       EVENT_LOOP loops(1) server: the rise of this JVM's resident set and of
 *       its live heap per connection (target: at most 4 KiB), and the classes
 *       that grew ({@link IdleConnections}).</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -q -pl concurrency-examples -am -DskipTests package
 * java -cp concurrency-examples/target/concurrency-examples.jar --add-opens java.base/java.lang=ALL-UNNAMED \
 *     dev.concurrency.examples.bench.ServerBenchmark
 * </pre>
 */
public final class ServerBenchmark {

    static final String ECHO = "echo";
    static final String IDLE = "idle";
    static final String BASELINE = "plain selector server";

    static final String USAGE = """
            usage: ServerBenchmark [echo] [idle] [OPTIONS]
              echo   echo servers under EVENT_LOOP, CALLBACK, VIRTUAL_THREAD, THREAD and a plain selector
                     server, loaded from a client JVM: requests/s, first round and warm median
              idle   idle connections held by an EVENT_LOOP server: memory per connection
                     (both by default, idle first)
            options (defaults, then --quick's):
              --quick                 tiny sizes, for a smoke test
              --bytes                 echo: the library's servers echo bytes as they come (read, write of
                                      a buffer), as the plain server does, instead of lines
              --connections N         echo: concurrent connections (1000; 20)
              --rounds N              echo: measured rounds per server, median shown (5; 1)
              --warm-up-rounds N      echo: rounds per server before the measured ones (2; 0)
              --round-ms N            echo: counted time of one round, ms (2000; 100)
              --idle-connections N    idle: connections held (10000; 50)
              --help                  print this message
            Tables go to stdout, progress to stderr. Start the JVM with
            --add-opens java.base/java.lang=ALL-UNNAMED for EVENT_LOOP's fast coroutines.
            """;
    static final Set<String> FLAGS = Set.of("--quick", "--bytes");
    static final Set<String> WITH_VALUE = Set.of("--connections", "--rounds", "--warm-up-rounds", "--round-ms",
            "--idle-connections");
    /** How long each round runs before it counts: the connections' first round trips settle. */
    private static final Duration ROUND_WARM_UP = Duration.ofMillis(300);
    private static final double EVENT_LOOP_TARGET = 0.8;
    private static final double CALLBACK_TARGET = 0.9;

    private ServerBenchmark() {
    }

    /**
     * The parsed command line.
     *
     * @param measurements    which to run, in order
     * @param connections     echo: concurrent connections
     * @param rounds          echo: measured rounds per server
     * @param warmUpRounds    echo: unmeasured rounds per server after the first
     * @param round           echo: the counted time of one round
     * @param idleConnections idle: connections held
     * @param bytes           echo: whether the library's servers echo bytes as they come instead of lines
     */
    record Options(List<String> measurements, int connections, int rounds, int warmUpRounds, Duration round,
                   int idleConnections, boolean bytes) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        Program.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Program.run(args, out, err, USAGE, FLAGS, WITH_VALUE, ServerBenchmark::of, ServerBenchmark::run);
    }

    static Options of(CommandLine line) {
        Set<String> measurements = new LinkedHashSet<>();
        for (String word : line.words()) {
            if (!word.equals(ECHO) && !word.equals(IDLE)) {
                throw new IllegalArgumentException("measurement: '" + word + "' (expected: echo or idle)");
            }
            measurements.add(word);
        }
        if (measurements.isEmpty()) {
            measurements.addAll(List.of(IDLE, ECHO)); // idle first: its resident set is read in a fresh JVM
        }
        boolean quick = line.flag("--quick");
        String warmUps = "--warm-up-rounds";
        int warmUpRounds = line.value(warmUps).map(v -> v.equals("0") ? 0 : CommandLine.positive(warmUps, v))
                .orElse(quick ? 0 : 2);
        return new Options(List.copyOf(measurements), line.positive("--connections", quick ? 20 : 1_000),
                line.positive("--rounds", quick ? 1 : 5), warmUpRounds,
                Duration.ofMillis(line.positive("--round-ms", quick ? 100 : 2_000)),
                line.positive("--idle-connections", quick ? 50 : 10_000), line.flag("--bytes"));
    }

    private static int run(Options options, PrintStream out, PrintStream err) {
        out.print(LoopBenchmark.machineFacts());
        out.flush();
        try (LoadClient load = LoadClient.start()) {
            List<Table> tables = new ArrayList<>();
            for (String measurement : options.measurements()) {
                tables.addAll(measurement.equals(ECHO) ? echo(options, load, err)
                        : IdleConnections.measure(options.idleConnections(), load, err));
            }
            for (Table table : tables) {
                out.println();
                out.print(table.format());
            }
            return 0;
        } catch (Exception e) {
            err.println("error: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /**
     * A server of the echo measurement, running.
     *
     * @param label   its row's label
     * @param address where it listens
     * @param server  closes it
     */
    private record Running(String label, InetSocketAddress address, AutoCloseable server) {
    }

    /** @return the rows' labels, in order: the library's servers, then the baseline */
    static List<String> labels() {
        List<String> labels = new ArrayList<>(strategies().stream().map(EchoServers::label).toList());
        labels.add(BASELINE);
        return labels;
    }

    private static List<Strategy> strategies() {
        return List.of(Strategy.EVENT_LOOP, Strategy.CALLBACK, Strategy.VIRTUAL_THREAD, Strategy.THREAD);
    }

    static List<Table> echo(Options o, LoadClient load, PrintStream err) throws Exception {
        List<Running> servers = new ArrayList<>();
        try {
            for (Strategy strategy : strategies()) {
                Server server = EchoServers.start(strategy, Gil.off(), o.connections(), o.bytes());
                servers.add(new Running(EchoServers.label(strategy), server.address(), server));
            }
            EchoServer plain = EchoServer.start(Math.max(128, o.connections()));
            servers.add(new Running(BASELINE, plain.address(), plain));
            double[] first = new double[servers.size()];
            for (int s = 0; s < servers.size(); s++) {
                first[s] = round(load, servers.get(s), o, Duration.ZERO, "first round", err).requestsPerSecond();
            }
            for (int r = 0; r < o.warmUpRounds(); r++) {
                for (Running server : servers) {
                    round(load, server, o, ROUND_WARM_UP, "warm-up " + (r + 1) + "/" + o.warmUpRounds(), err);
                }
            }
            LoadClient.Result[][] results = new LoadClient.Result[servers.size()][o.rounds()];
            for (int r = 0; r < o.rounds(); r++) {
                for (int s = 0; s < servers.size(); s++) {
                    results[s][r] = round(load, servers.get(s), o, ROUND_WARM_UP,
                            "round " + (r + 1) + "/" + o.rounds(), err);
                }
            }
            return report(o, servers, first, results);
        } finally {
            for (Running server : servers) {
                server.server().close();
            }
        }
    }

    private static LoadClient.Result round(LoadClient load, Running server, Options o, Duration warmUp, String what,
                                           PrintStream err) throws IOException {
        load.open(server.address(), o.connections(), warmUp, o.round());
        LoadClient.Result result = load.drive();
        err.printf(Locale.ROOT, "echo: %s %s: %,.0f requests/s%n", what, server.label(), result.requestsPerSecond());
        return result;
    }

    private static List<Table> report(Options o, List<Running> servers, double[] first, LoadClient.Result[][] results) {
        Table table = new Table(String.format(Locale.ROOT, "echo: %,d connections from a client JVM, each a %d-byte"
                        + " line at a time; the library's handlers echo %s; rounds of %s s; first round of this"
                        + " fresh JVM (no warm-up), then the median of %d rounds after %d warm-up rounds (latency:"
                        + " the median round's)", o.connections(), LoadGenerator.LINE_BYTES,
                o.bytes() ? "bytes as they come" : "lines (readLine, write)", Figures.seconds(o.round()), o.rounds(),
                o.warmUpRounds()),
                "server", "first round/s", "median/s", "min", "max", "p50 (ms)", "p99 (ms)", "vs plain");
        double[] medians = new double[servers.size()];
        int baseline = servers.size() - 1;
        for (int s = 0; s < servers.size(); s++) {
            medians[s] = Figures.median(Arrays.stream(results[s]).mapToDouble(LoadClient.Result::requestsPerSecond)
                    .toArray());
        }
        for (int s = 0; s < servers.size(); s++) {
            LoadClient.Result[] sorted = results[s].clone();
            Arrays.sort(sorted, java.util.Comparator.comparingDouble(LoadClient.Result::requestsPerSecond));
            LoadClient.Result middle = sorted[(sorted.length - 1) / 2];
            table.row(servers.get(s).label(), Figures.grouped(first[s]), Figures.grouped(medians[s]),
                    Figures.grouped(sorted[0].requestsPerSecond()),
                    Figures.grouped(sorted[sorted.length - 1].requestsPerSecond()),
                    Figures.fixed(middle.p50().toNanos() / 1e6, 3), Figures.fixed(middle.p99().toNanos() / 1e6, 3),
                    Figures.fixed(medians[s] / medians[baseline], 2));
        }
        Table targets = new Table("echo: targets (ratios of the warm medians)", "ratio", "measured", "goal",
                "verdict");
        target(targets, servers.get(0).label(), medians[0] / medians[baseline], EVENT_LOOP_TARGET);
        target(targets, servers.get(1).label(), medians[1] / medians[baseline], CALLBACK_TARGET);
        return List.of(table, targets);
    }

    private static void target(Table targets, String label, double ratio, double goal) {
        targets.row(label + " / " + BASELINE, Figures.fixed(ratio, 2), ">= " + Figures.fixed(goal, 1),
                Figures.verdict(ratio >= goal));
    }
}
