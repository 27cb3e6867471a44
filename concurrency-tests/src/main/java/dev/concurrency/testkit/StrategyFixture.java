package dev.concurrency.testkit;

import dev.concurrency.RunOptions;

/**
 * What a test JVM provides for a strategy's runs: found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.concurrency.testkit.StrategyFixture}),
 * it adapts the options of the suite's runs, and names the threads and
 * processes it keeps for them, which are then not a run's leftovers.
 *
 * <p>For example, {@code concurrency-hazelcast}'s tests install one that
 * starts one cluster of member JVMs for the whole test JVM and attaches every
 * {@link dev.concurrency.Strategy#CLUSTER} run of the contract suite to it,
 * rather than each run starting and stopping a cluster of its own.
 * Tests get adapted options through {@link Strategies#options(dev.concurrency.Strategy)}
 * and {@link Strategies#adapt(RunOptions)}; {@link Equivalence} adapts its runs too.
 *
 * <p>Implementations must be thread-safe: tests may run in parallel.
 */
public interface StrategyFixture {

    /**
     * Adapts the options of one run: returns them unchanged for a strategy this fixture does not serve.
     *
     * @param options the run's options, with its strategy
     * @return the options to run with
     */
    RunOptions adapt(RunOptions options);

    /**
     * Whether a thread of this JVM is this fixture's (kept for all runs), not a run's.
     *
     * @param thread a live thread
     * @return whether this fixture started it and keeps it; by default, never
     */
    default boolean owns(Thread thread) {
        return false;
    }

    /**
     * Whether a child process of this JVM is this fixture's (kept for all runs), not a run's worker.
     *
     * @param process a child process
     * @return whether this fixture started it and keeps it; by default, never
     */
    default boolean owns(ProcessHandle process) {
        return false;
    }
}
