package dev.concurrency.examples;

import dev.concurrency.Strategy;
import dev.concurrency.examples.cli.CommandLine;
import dev.concurrency.examples.experiments.Experiment;
import dev.concurrency.examples.experiments.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The main program's parsed command line: which experiments, how big, which
 * strategies, where the report goes.
 *
 * @param experiments the experiments, in running order
 * @param full        whether {@code --full} was given
 * @param settings    the sizes and strategies
 * @param report      where the HTML report goes, an absolute path
 */
record Arguments(Set<Experiment> experiments, boolean full, Settings settings, Path report) {

    static final Path DEFAULT_REPORT = Path.of("target", "concurrency-report.html");
    static final String ALL = "all";

    /** @return the usage message, listing the experiments and strategies this build has */
    static String usage() {
        StringBuilder experiments = new StringBuilder();
        for (Experiment e : Experiment.values()) {
            experiments.append(String.format(Locale.ROOT, "  %-8s %s%n", e.id(), e.description()));
        }
        Settings q = Settings.QUICK;
        Settings f = Settings.FULL;
        return """
                usage: Main [EXPERIMENT...] [OPTION...]
                experiments (default: all):
                %s  %-8s every experiment above
                options (defaults: quick / --full):
                  --full               the classic, larger sizes (quick: under 2 minutes on 2 cores)
                  --strategies LIST    comma-separated, from: %s (default: all)
                  --tasks N            CPU-bound tasks per run (%d / %d)
                  --cpu-ms N           CPU time of one CPU-bound task alone, ms (%d / %d)
                  --requests N         HTTP requests per I/O-bound run (%d / %d)
                  --delay-ms N         the HTTP server's delay per request, ms (%d / %d)
                  --sizes N,N,...      task counts of many (%s / %s)
                  --wait-ms N          how long each task of many waits, ms (%d)
                  --cap STRATEGY=N     most tasks at once for a strategy in many (%s); repeatable
                  --window-ms N        how long each convoy row counts round trips, ms (%d / %d)
                  --connections N,N,... concurrent connections of serve (%s / %s)
                  --serve-ms N         how long each serve row counts requests, ms (%d / %d)
                  --report PATH        the HTML report (default %s)
                  --help               print this message
                Numbers are whole and > 0. A single leading dash works too (-requests 50).
                """.formatted(experiments, ALL, strategyNames(), q.cpuTasks(), f.cpuTasks(),
                q.cpuTarget().toMillis(), f.cpuTarget().toMillis(), q.requests(), f.requests(),
                q.delay().toMillis(), f.delay().toMillis(), list(q.sizes()), list(f.sizes()), q.waitTime().toMillis(),
                caps(q.caps()), q.convoyWindow().toMillis(), f.convoyWindow().toMillis(), list(q.connections()),
                list(f.connections()), q.serveWindow().toMillis(), f.serveWindow().toMillis(), DEFAULT_REPORT);
    }

    /** The flags. */
    static final Set<String> FLAGS = Set.of("--full");
    /** The options that take a value. */
    static final Set<String> WITH_VALUE = Set.of("--strategies", "--tasks", "--cpu-ms", "--requests", "--delay-ms",
            "--sizes", "--wait-ms", "--window-ms", "--report", "--cap", "--connections", "--serve-ms");

    /**
     * @param args the command line
     * @return what it asks for
     * @throws IllegalArgumentException naming the bad argument: {@code name: value (expected: constraint)}
     */
    static Arguments parse(String[] args) {
        return of(CommandLine.parse(args, FLAGS, WITH_VALUE));
    }

    /**
     * @param line the parsed command line
     * @return what it asks for
     * @throws IllegalArgumentException naming the bad argument: {@code name: value (expected: constraint)}
     */
    static Arguments of(CommandLine line) {
        Set<Experiment> experiments = EnumSet.noneOf(Experiment.class);
        for (String word : line.words()) {
            if (word.equals(ALL)) {
                experiments.addAll(EnumSet.allOf(Experiment.class));
            } else {
                experiments.add(Experiment.named(word).orElseThrow(() -> new IllegalArgumentException(
                        "experiment: '" + word + "' (expected: one of " + experimentNames() + ")")));
            }
        }
        boolean full = line.flag("--full");
        Settings base = full ? Settings.FULL : Settings.QUICK;
        Map<String, Integer> caps = new HashMap<>(base.caps());
        line.values("--cap").forEach(cap -> cap(cap, caps));
        Settings settings = new Settings(
                line.value("--strategies").map(Arguments::strategies).orElse(base.strategies()),
                line.positive("--tasks", base.cpuTasks()),
                Duration.ofMillis(line.positive("--cpu-ms", (int) base.cpuTarget().toMillis())),
                line.positive("--requests", base.requests()),
                Duration.ofMillis(line.positive("--delay-ms", (int) base.delay().toMillis())),
                line.value("--sizes").map(text -> sizes("--sizes", text)).orElse(base.sizes()),
                Duration.ofMillis(line.positive("--wait-ms", (int) base.waitTime().toMillis())),
                caps,
                base.convoyWarmUp(),
                Duration.ofMillis(line.positive("--window-ms", (int) base.convoyWindow().toMillis())),
                line.value("--connections").map(text -> sizes("--connections", text)).orElse(base.connections()),
                base.serveWarmUp(),
                Duration.ofMillis(line.positive("--serve-ms", (int) base.serveWindow().toMillis())));
        // a path the user gives is relative to where they ran the program; the default, to the JVM's folder
        Path report = line.value("--report").map(p -> Main.userDirectory().resolve(p)).orElse(DEFAULT_REPORT)
                .toAbsolutePath().normalize();
        return new Arguments(experiments.isEmpty() ? EnumSet.allOf(Experiment.class) : experiments, full, settings,
                report);
    }

    private static List<Strategy> strategies(String text) {
        if (text.equalsIgnoreCase(ALL)) {
            return Settings.localStrategies();
        }
        Set<Strategy> chosen = new LinkedHashSet<>();
        for (String name : text.split(",", -1)) {
            Strategy strategy = strategy(name.strip(), "--strategies");
            if (!chosen.add(strategy)) {
                throw new IllegalArgumentException("--strategies: '" + text + "' (expected: each strategy once)");
            }
        }
        return List.copyOf(chosen);
    }

    private static Strategy strategy(String name, String option) {
        for (Strategy s : Strategy.values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(option + ": '" + name + "' (expected: one of " + strategyNames() + ")");
    }

    private static List<Integer> sizes(String option, String text) {
        TreeSet<Integer> sizes = new TreeSet<>();
        for (String size : text.split(",", -1)) {
            sizes.add(CommandLine.positive(option, size));
        }
        return new ArrayList<>(sizes);
    }

    private static void cap(String text, Map<String, Integer> caps) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--cap: '" + text + "' (expected: STRATEGY=N, e.g. THREAD=5000)");
        }
        caps.put(strategy(text.substring(0, eq).strip(), "--cap").name(),
                CommandLine.positive("--cap", text.substring(eq + 1)));
    }

    private static String strategyNames() {
        return Arrays.stream(Strategy.values()).map(Strategy::name).collect(Collectors.joining(", "));
    }

    private static String experimentNames() {
        return Arrays.stream(Experiment.values()).map(Experiment::id).collect(Collectors.joining(", ")) + ", " + ALL;
    }

    private static String list(List<Integer> sizes) {
        return sizes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String caps(Map<String, Integer> caps) {
        Set<String> here = Arrays.stream(Strategy.values()).map(Strategy::name).collect(Collectors.toSet());
        return caps.entrySet().stream().filter(e -> here.contains(e.getKey())).sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
