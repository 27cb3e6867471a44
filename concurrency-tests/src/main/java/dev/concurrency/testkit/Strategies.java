package dev.concurrency.testkit;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import java.util.List;

/**
 * The strategies the contract covers: every one the library has. Mind that
 * {@link Strategy#CALLBACK} runs only {@link dev.concurrency.AsyncTask}s; a
 * scenario written as a direct-style task gives CALLBACK its async form.
 *
 * <p>A strategy that runs tasks in worker processes (PROCESS) shares no memory
 * with the test: what a task captures is a copy, and a cancelled or timed-out
 * task is not told but its worker is killed. Scenarios observe tasks through
 * {@link Probe}, {@link Gate} and {@link SharedCounters}, which work across
 * processes; the few that are about one JVM (its threads, objects the test
 * shares with a task, a task noticing its cancellation) run over
 * {@link #sharingMemory()}, each saying why.
 *
 * <p>{@code -Dconcurrency.strategies=THREAD,EVENT_LOOP} narrows the contract
 * to the strategies named (the build's second run of the suite, about the
 * event loop's fallback coroutines, leaves out PROCESS that way).
 * {@link JqwikArbitraries#strategies()} draws from them for jqwik.
 *
 * <p>{@link #options(Strategy)} gives a run's options as the test JVM's
 * installed {@link StrategyFixture}s adapt them (a cluster shared by every
 * CLUSTER run of the JVM, say); {@link #isFixture(Thread)} and
 * {@link #isFixture(ProcessHandle)} tell such a fixture's threads and
 * processes from a run's leftovers.
 *
 * <p>This class is thread-safe; it loads the installed fixtures once.
 */
public final class Strategies {

    private Strategies() {
    }

    /** The system property that narrows {@link #all()}: comma-separated strategy names. */
    public static final String PROPERTY = "concurrency.strategies";

    /**
     * {@return every strategy whose provider is installed (found through {@link java.util.ServiceLoader}),
     * in declaration order; only those named by {@value #PROPERTY} when it is set}
     * {@link Strategy#CLUSTER} is among them only where its module, {@code concurrency-hazelcast}, is present.
     *
     * @throws IllegalArgumentException if the property names an unknown strategy
     */
    public static List<Strategy> all() {
        String only = System.getProperty(PROPERTY, "").strip();
        if (only.isEmpty()) {
            return installed();
        }
        java.util.Set<Strategy> named = java.util.EnumSet.noneOf(Strategy.class);
        for (String name : only.split(",")) {
            try {
                named.add(Strategy.valueOf(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + ": '" + name.strip() + "' (expected: names from "
                        + java.util.Arrays.toString(Strategy.values()) + ", comma-separated)", e);
            }
        }
        return List.copyOf(named);
    }

    /**
     * {@return the strategies that run tasks in the test's own JVM, in declaration order: every one but those that {@linkplain #runsInWorkerProcesses run tasks in worker processes}}
     */
    public static List<Strategy> sharingMemory() {
        return all().stream().filter(s -> !runsInWorkerProcesses(s)).toList();
    }

    /**
     * Whether {@code strategy} runs tasks in other processes, which share no
     * memory with the test and are killed, not told, when a task is cancelled
     * or times out.
     *
     * @param strategy a strategy
     * @return whether it is {@link Strategy#PROCESS} or {@link Strategy#CLUSTER}
     */
    public static boolean runsInWorkerProcesses(Strategy strategy) {
        return strategy == Strategy.PROCESS || strategy == Strategy.CLUSTER;
    }

    /**
     * {@return {@code RunOptions.of(strategy)} as the installed {@link StrategyFixture}s adapt them}
     * Tests add their own settings to these, as to {@code RunOptions.of(strategy)}.
     *
     * @param strategy the run's strategy
     */
    public static RunOptions options(Strategy strategy) {
        return adapt(RunOptions.of(strategy));
    }

    /**
     * {@return {@code options} as each installed {@link StrategyFixture} adapts them, in service-file order;
     * unchanged when none is installed}
     *
     * @param options a run's options
     */
    public static RunOptions adapt(RunOptions options) {
        java.util.Objects.requireNonNull(options, "options is null");
        RunOptions adapted = options;
        for (StrategyFixture fixture : Fixtures.INSTALLED) {
            adapted = fixture.adapt(adapted);
        }
        return adapted;
    }

    /**
     * {@return whether an installed {@link StrategyFixture} keeps this thread for every run (not a leftover)}
     *
     * @param thread a thread of this JVM
     */
    public static boolean isFixture(Thread thread) {
        return Fixtures.INSTALLED.stream().anyMatch(f -> f.owns(thread));
    }

    /**
     * {@return whether an installed {@link StrategyFixture} keeps this child process for every run (not a worker left)}
     *
     * @param process a child process of this JVM
     */
    public static boolean isFixture(ProcessHandle process) {
        return Fixtures.INSTALLED.stream().anyMatch(f -> f.owns(process));
    }

    /** The installed fixtures, loaded once, on first use. */
    private static final class Fixtures {
        static final List<StrategyFixture> INSTALLED = java.util.ServiceLoader.load(StrategyFixture.class).stream()
                .map(java.util.ServiceLoader.Provider::get).toList();
    }

    private static List<Strategy> installed() {
        java.util.Set<Strategy> found = java.util.EnumSet.noneOf(Strategy.class);
        for (dev.concurrency.spi.StrategyProvider provider
                : java.util.ServiceLoader.load(dev.concurrency.spi.StrategyProvider.class)) {
            found.add(provider.strategy());
        }
        return List.copyOf(found);
    }
}
