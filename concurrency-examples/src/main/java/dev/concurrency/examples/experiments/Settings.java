package dev.concurrency.examples.experiments;

import dev.concurrency.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How big each experiment of the main program is, and which strategies it
 * compares. {@link #QUICK} finishes in under two minutes on two cores;
 * {@link #FULL} takes the sizes of the classic experiments.
 *
 * @param strategies   the strategies compared, in order
 * @param cpuTasks     CPU-bound tasks per run
 * @param cpuTarget    CPU time one CPU-bound task takes alone
 * @param requests     HTTP requests per I/O-bound run
 * @param delay        how long the HTTP server waits before it answers each
 * @param sizes        task counts of the {@code many} experiment, ascending
 * @param waitTime     how long each task of {@code many} waits
 * @param caps         the most tasks at once per strategy name in {@code many} ({@link StrategyCaps})
 * @param convoyWarmUp round trips not counted at the start of each convoy row
 * @param convoyWindow how long each convoy row counts round trips
 * @param connections  concurrent connections of the {@code serve} experiment, ascending
 * @param serveWarmUp  how long each {@code serve} row runs before it counts requests
 * @param serveWindow  how long each {@code serve} row counts requests
 */
public record Settings(List<Strategy> strategies, int cpuTasks, Duration cpuTarget, int requests, Duration delay,
                       List<Integer> sizes, Duration waitTime, Map<String, Integer> caps, Duration convoyWarmUp,
                       Duration convoyWindow, List<Integer> connections, Duration serveWarmUp,
                       Duration serveWindow) {

    /** Small sizes: the whole program in under two minutes on two cores. */
    public static final Settings QUICK = new Settings(Settings.localStrategies(), 2, Duration.ofMillis(1_600), 100,
            Duration.ofMillis(20), List.of(1_000, 10_000), Duration.ofSeconds(1), StrategyCaps.DEFAULTS,
            Duration.ofMillis(50), Duration.ofMillis(300), List.of(10, 100), Duration.ofMillis(100),
            Duration.ofMillis(300));

    /** The classic sizes (--full). */
    public static final Settings FULL = new Settings(Settings.localStrategies(), 4, Duration.ofMillis(1_500), 200,
            Duration.ofMillis(50), List.of(1_000, 10_000, 100_000), Duration.ofSeconds(1), StrategyCaps.DEFAULTS,
            Duration.ofMillis(200), Duration.ofSeconds(2), List.of(1_000, 10_000), Duration.ofMillis(500),
            Duration.ofSeconds(2));

    /**
     * {@return every strategy but {@link Strategy#CLUSTER}, in declaration order: the experiments' default}
     * CLUSTER joins only the {@code cpu} experiment, when its module is present.
     */
    public static List<Strategy> localStrategies() {
        return java.util.Arrays.stream(Strategy.values()).filter(s -> s != Strategy.CLUSTER).toList();
    }

    /** Copies the lists and the map. */
    public Settings {
        strategies = List.copyOf(strategies);
        sizes = List.copyOf(sizes);
        connections = List.copyOf(connections);
        caps = Map.copyOf(caps);
    }

    /**
     * @param strategy a strategy
     * @return the most tasks it may be given at once in {@code many}; empty if it has no cap
     */
    public OptionalInt cap(Strategy strategy) {
        Integer cap = caps.get(strategy.name());
        return cap == null ? OptionalInt.empty() : OptionalInt.of(cap);
    }
}
