package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
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
 * <p>{@link Strategy#CALLBACK} runs only {@link AsyncTask}s, so a list with a
 * direct-style task in it skips CALLBACK; a list of async tasks runs under
 * every strategy, CALLBACK included (the others run an async task through its
 * direct-style adapter). To cover CALLBACK along with direct-style tasks, give
 * each task's async form as well: CALLBACK then runs those.
 *
 * <pre>{@code
 * Equivalence.assertSameOutcomesUnderEveryStrategy(tasks, RunOptions.of(Strategy.THREAD).taskTimeout(limit));
 * Equivalence.assertSameOutcomesUnderEveryStrategy(tasks, asyncForms, RunOptions.of(Strategy.THREAD));
 * }</pre>
 *
 * This class holds no state, and so is thread-safe.
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
     * that can run them, with {@code options}, and asserts that their outcomes are
     * {@linkplain Outcomes#equivalent equivalent}, index by index. CALLBACK runs
     * only when every task is an {@link AsyncTask}; otherwise it is skipped (and
     * absent from the returned map). Async tasks run under every strategy.
     *
     * @param tasks   the tasks; each must behave the same whenever it runs
     * @param options the options to use with each strategy (its strategy is replaced)
     * @param <T>     the result type
     * @return each strategy's results, the sequential run's first under the key {@code null}
     */
    public static <T> Map<Strategy, Results<T>> assertSameOutcomesUnderEveryStrategy(
            List<? extends Task<T>> tasks, RunOptions options) {
        boolean allAsync = tasks.stream().allMatch(AsyncTask.class::isInstance);
        return assertSame(tasks, allAsync ? tasks : null, options);
    }

    /**
     * Runs {@code tasks} sequentially and under every strategy of {@link Strategies#all()},
     * CALLBACK running {@code asyncForms} in their place, with {@code options}, and
     * asserts that their outcomes are {@linkplain Outcomes#equivalent equivalent},
     * index by index, to the sequential run of {@code tasks}.
     *
     * @param tasks      the tasks; each must behave the same whenever it runs
     * @param asyncForms the same tasks in callback style, in the same order: {@code asyncForms.get(i)}
     *                   must end as {@code tasks.get(i)} does
     * @param options    the options to use with each strategy (its strategy is replaced)
     * @param <T>        the result type
     * @return each strategy's results, the sequential run's first under the key {@code null}
     * @throws IllegalArgumentException if the lists differ in size
     */
    public static <T> Map<Strategy, Results<T>> assertSameOutcomesUnderEveryStrategy(
            List<? extends Task<T>> tasks, List<? extends AsyncTask<T>> asyncForms, RunOptions options) {
        if (asyncForms.size() != tasks.size()) {
            throw new IllegalArgumentException("asyncForms: " + asyncForms.size()
                    + " tasks (expected: one per task, " + tasks.size() + ")");
        }
        return assertSame(tasks, asyncForms, options);
    }

    /** @param callbackTasks what CALLBACK runs, or {@code null} to skip it */
    private static <T> Map<Strategy, Results<T>> assertSame(
            List<? extends Task<T>> tasks, List<? extends Task<T>> callbackTasks, RunOptions options) {
        Map<Strategy, Results<T>> all = new LinkedHashMap<>();
        Results<T> reference = Concurrency.run(tasks, sequential(options));
        all.put(null, reference);
        List<String> expected = Outcomes.describeAll(reference.outcomes());
        for (Strategy strategy : Strategies.all()) {
            List<? extends Task<T>> run = strategy == Strategy.CALLBACK ? callbackTasks : tasks;
            if (run == null) {
                continue;
            }
            Results<T> results = Concurrency.run(run, options.strategy(strategy));
            assertThat(Outcomes.describeAll(results.outcomes()))
                    .as("outcomes under %s, against a sequential run", strategy)
                    .containsExactlyElementsOf(expected);
            all.put(strategy, results);
        }
        return all;
    }
}
