package dev.concurrency.testkit;

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
 * <p>This class is stateless and thread-safe.
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

    private static List<Strategy> installed() {
        java.util.Set<Strategy> found = java.util.EnumSet.noneOf(Strategy.class);
        for (dev.concurrency.spi.StrategyProvider provider
                : java.util.ServiceLoader.load(dev.concurrency.spi.StrategyProvider.class)) {
            found.add(provider.strategy());
        }
        return List.copyOf(found);
    }
}
