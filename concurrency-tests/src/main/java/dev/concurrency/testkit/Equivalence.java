package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assertion at the heart of the contract: a list of tasks ends the same
 * way, task by task and in input order, under every strategy as in a plain
 * sequential run.
 *
 * <pre>{@code
 * Equivalence.assertSameOutcomesUnderEveryStrategy(tasks, RunOptions.of(Strategy.THREAD).taskTimeout(limit));
 * }</pre>
 */
public final class Equivalence {

    private Equivalence() {
    }

    /**
     * The sequential reference: the tasks one at a time, in input order, on one platform thread.
     *
     * @param options the options to keep (timeouts, listener)
     * @return options for the reference run
     */
    public static RunOptions sequential(RunOptions options) {
        return options.strategy(Strategy.THREAD).maxConcurrency(1);
    }

    /**
     * Runs {@code tasks} sequentially and under every strategy of {@link Strategies#all()}
     * with {@code options}, and asserts that their outcomes are
     * {@linkplain Outcomes#equivalent equivalent}, index by index.
     *
     * @param tasks   the tasks; each must behave the same whenever it runs
     * @param options the options to use with each strategy (its strategy is replaced)
     * @param <T>     the result type
     * @return each strategy's results, the sequential run's first under the key {@code null}
     */
    public static <T> Map<Strategy, Results<T>> assertSameOutcomesUnderEveryStrategy(
            List<? extends Task<T>> tasks, RunOptions options) {
        Map<Strategy, Results<T>> all = new LinkedHashMap<>();
        Results<T> reference = Concurrency.run(tasks, sequential(options));
        all.put(null, reference);
        List<String> expected = Outcomes.describeAll(reference.outcomes());
        for (Strategy strategy : Strategies.all()) {
            Results<T> results = Concurrency.run(tasks, options.strategy(strategy));
            assertThat(Outcomes.describeAll(results.outcomes()))
                    .as("outcomes under %s, against a sequential run", strategy)
                    .containsExactlyElementsOf(expected);
            all.put(strategy, results);
        }
        return all;
    }
}
