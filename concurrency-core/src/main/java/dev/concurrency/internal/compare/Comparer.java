package dev.concurrency.internal.compare;

import dev.concurrency.CompareOptions;
import dev.concurrency.Comparison;
import dev.concurrency.ComparisonRow;
import dev.concurrency.Gil;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskFailedException;
import dev.concurrency.internal.DefaultRunner;
import dev.concurrency.internal.engine.Providers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task list under each strategy in turn, each time a warm-up run,
 * a collection, then the measured run with a {@link MemorySampler} beside it,
 * and makes the {@link Comparison}. A strategy whose run throws (it cannot
 * run these tasks, or cannot make its threads) gets a row saying why; the
 * others still run. Each run, warm-up or measured, has a {@link DefaultRunner}
 * of its own, closed before the next. Called on the caller's thread; starts
 * no thread of its own but the sampler's, joined before each row is made.
 */
public final class Comparer {

    private static final Logger LOG = LoggerFactory.getLogger(Comparer.class);

    private Comparer() {
    }

    /**
     * @param strategies as given: none means every strategy whose provider is installed
     * @return the strategies to compare, in order
     * @throws NullPointerException     naming the first null element
     * @throws IllegalArgumentException if a strategy is given twice
     */
    public static List<Strategy> strategies(Strategy... strategies) {
        Objects.requireNonNull(strategies, "strategies is null");
        if (strategies.length == 0) {
            return Providers.installed().strategies();
        }
        Set<Strategy> seen = EnumSet.noneOf(Strategy.class);
        for (int i = 0; i < strategies.length; i++) {
            if (strategies[i] == null) {
                throw new NullPointerException("strategies[" + i + "] is null");
            }
            if (!seen.add(strategies[i])) {
                throw new IllegalArgumentException("strategies: " + Arrays.toString(strategies)
                        + " (expected: each strategy at most once)");
            }
        }
        return List.of(strategies);
    }

    /**
     * @param tasks      the tasks, checked
     * @param options    how to run them
     * @param strategies the strategies, checked
     * @return one row per strategy, in order
     */
    public static <T> Comparison compare(List<? extends Task<T>> tasks, CompareOptions options,
                                         List<Strategy> strategies) {
        List<ComparisonRow> rows = new ArrayList<>(strategies.size());
        for (Strategy strategy : strategies) {
            Gil gil = options.template().gil();
            if (Thread.currentThread().isInterrupted()) {
                rows.add(ComparisonRow.notRun(strategy.name(), strategy, gil, "the comparison was interrupted"));
                continue;
            }
            ComparisonRow row = measure(tasks, options, strategy);
            LOG.debug("compare: {}", row);
            rows.add(row);
        }
        return Comparison.of(rows);
    }

    private static <T> ComparisonRow measure(List<? extends Task<T>> tasks, CompareOptions options, Strategy strategy) {
        RunOptions runOptions;
        try {
            runOptions = Providers.installed().forStrategy(options.template(), strategy);
        } catch (IllegalStateException e) { // no provider of this strategy here
            return ComparisonRow.notRun(strategy.name(), strategy, options.template().gil(), e.getMessage());
        }
        try {
            int warmUp = Math.min(options.warmUpTasks(), tasks.size());
            if (warmUp > 0) {
                run(tasks.subList(0, warmUp), runOptions);
            }
            System.gc(); // the warm-up's garbage is neither in the start figure nor collected on the run's time
            MemorySampler sampler = MemorySampler.start(options.memorySampleInterval());
            Results<T> results;
            ComparisonRow.Memory memory;
            try {
                results = run(tasks, runOptions);
            } finally {
                memory = sampler.stop();
            }
            memory = memory.plusWorkers(results.stats().workers());
            int failures = 0;
            String first = null;
            for (int i = 0; i < results.size(); i++) {
                Outcome<T> outcome = results.outcome(i);
                if (!outcome.isSuccess() && failures++ == 0) {
                    first = new TaskFailedException(results.tasks().get(i), outcome).getMessage();
                }
            }
            return Rows.measured(strategy.name(), strategy, runOptions.gil(), results.stats(), memory,
                    failures, first);
        } catch (RuntimeException | OutOfMemoryError e) { // OutOfMemoryError: unable to create native thread
            LOG.info("compare: {} could not run the tasks: {}", strategy, e.toString());
            return ComparisonRow.notRun(strategy.name(), strategy, runOptions.gil(),
                    e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage() : e.toString());
        }
    }

    /**
     * Runs the tasks on a runner of their own, closed (its threads gone) before
     * this returns. As {@code Concurrency.run} does, a strategy that cannot run
     * the tasks is rejected before its runner starts any thread.
     */
    private static <T> Results<T> run(List<? extends Task<T>> tasks, RunOptions options) {
        Providers.checkTasks(Providers.installed().checkOptions(options), tasks);
        try (Runner runner = new DefaultRunner(options)) {
            return runner.run(tasks);
        }
    }
}
