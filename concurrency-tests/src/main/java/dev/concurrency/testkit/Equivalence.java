package dev.concurrency.testkit;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The assertion at the heart of the contract: a list of tasks ends the same
 * way, task by task and in input order, under every strategy as in a plain
 * sequential run. Values compare {@linkplain Values by content} (arrays,
 * nested arrays and records holding arrays included) unless you pass an
 * equivalence of your own; failures compare by exception class and message.
 * A failure is a plain {@link AssertionError} naming the strategy, each
 * differing task (index and name) with both outcomes, and the input.
 *
 * <p>{@link Strategy#CALLBACK} runs only {@link AsyncTask}s. A list of async
 * tasks runs under every strategy (the others run an async task through its
 * direct-style adapter). To cover CALLBACK along with direct-style tasks, give
 * each task's async form as well: CALLBACK then runs those. A list with a
 * direct-style task and no async forms is not run under CALLBACK: the returned
 * {@link StrategyRuns} says so in {@link StrategyRuns#skipped()}, and
 * {@link StrategyRuns#assertRanEveryStrategy()} fails on it.
 *
 * <pre>{@code
 * Equivalence.assertSameOutcomesUnderEveryStrategy(tasks, asyncForms, RunOptions.of(Strategy.THREAD));
 * Equivalence.assertSameOutcomesUnderEveryStrategy(tasks, options, (a, b) -> Math.abs(a - b) < 1e-9);
 * }</pre>
 *
 * Each run's options are {@linkplain Strategies#adapt adapted} by the installed {@link StrategyFixture}s.
 * This class is stateless and thread-safe; each call runs the tasks once per strategy, one run at a time.
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
     * {@link #assertSameOutcomesUnderEveryStrategy(List, RunOptions, BiPredicate)} with values compared
     * {@linkplain Values#contentEquals by content}.
     *
     * @param tasks   the tasks; each must behave the same whenever it runs
     * @param options the options to use with each strategy (its strategy is replaced)
     * @param <T>     the result type
     * @return what ran, and what was skipped and why
     */
    public static <T> StrategyRuns<T> assertSameOutcomesUnderEveryStrategy(
            List<? extends Task<T>> tasks, RunOptions options) {
        return assertSameOutcomesUnderEveryStrategy(tasks, options, Values.byContent());
    }

    /**
     * Runs {@code tasks} sequentially and under every strategy of {@link Strategies#all()}
     * that can run them, with {@code options}, and asserts that their outcomes are
     * {@linkplain Outcomes#equivalent(Outcome, Outcome, BiPredicate) equivalent}, index by index.
     * CALLBACK runs only when every task is an {@link AsyncTask}; otherwise it is
     * {@linkplain StrategyRuns#skipped() skipped, saying why}.
     *
     * @param tasks   the tasks; each must behave the same whenever it runs
     * @param options the options to use with each strategy (its strategy is replaced)
     * @param values  whether two values are the same: called with the sequential run's value first
     * @param <T>     the result type
     * @return what ran, and what was skipped and why
     * @throws AssertionError at the first strategy under which some task ends differently
     */
    public static <T> StrategyRuns<T> assertSameOutcomesUnderEveryStrategy(
            List<? extends Task<T>> tasks, RunOptions options, BiPredicate<? super T, ? super T> values) {
        checked("tasks", tasks);
        int direct = firstDirectStyle(tasks);
        return assertSame(tasks, direct < 0 ? tasks : null, options, values,
                direct < 0 ? "" : "CALLBACK runs AsyncTask only, and " + MismatchMessage.task(tasks, direct)
                        + " is a direct-style Task: pass each task's AsyncTask form as asyncForms to cover CALLBACK");
    }

    /**
     * {@link #assertSameOutcomesUnderEveryStrategy(List, List, RunOptions, BiPredicate)} with values compared
     * {@linkplain Values#contentEquals by content}.
     *
     * @param tasks      the tasks; each must behave the same whenever it runs
     * @param asyncForms the same tasks in callback style, in the same order
     * @param options    the options to use with each strategy (its strategy is replaced)
     * @param <T>        the result type
     * @return what ran: every strategy of {@link Strategies#all()}
     */
    public static <T> StrategyRuns<T> assertSameOutcomesUnderEveryStrategy(
            List<? extends Task<T>> tasks, List<? extends AsyncTask<T>> asyncForms, RunOptions options) {
        return assertSameOutcomesUnderEveryStrategy(tasks, asyncForms, options, Values.byContent());
    }

    /**
     * Runs {@code tasks} sequentially and under every strategy of {@link Strategies#all()},
     * CALLBACK running {@code asyncForms} in their place, with {@code options}, and
     * asserts that their outcomes are {@linkplain Outcomes#equivalent(Outcome, Outcome, BiPredicate)
     * equivalent}, index by index, to the sequential run of {@code tasks}.
     *
     * @param tasks      the tasks; each must behave the same whenever it runs
     * @param asyncForms the same tasks in callback style, in the same order: {@code asyncForms.get(i)}
     *                   must end as {@code tasks.get(i)} does
     * @param options    the options to use with each strategy (its strategy is replaced)
     * @param values     whether two values are the same: called with the sequential run's value first
     * @param <T>        the result type
     * @return what ran: every strategy of {@link Strategies#all()}
     * @throws IllegalArgumentException if the lists differ in size
     * @throws AssertionError           at the first strategy under which some task ends differently
     */
    public static <T> StrategyRuns<T> assertSameOutcomesUnderEveryStrategy(
            List<? extends Task<T>> tasks, List<? extends AsyncTask<T>> asyncForms, RunOptions options,
            BiPredicate<? super T, ? super T> values) {
        checked("tasks", tasks);
        checked("asyncForms", asyncForms);
        if (asyncForms.size() != tasks.size()) {
            throw new IllegalArgumentException("asyncForms: " + asyncForms.size()
                    + " tasks (expected: one per task, " + tasks.size() + ")");
        }
        return assertSame(tasks, asyncForms, options, values, "");
    }

    /**
     * @param callbackTasks what CALLBACK runs, or {@code null} to skip it
     * @param whySkipped    why CALLBACK is skipped when it is
     */
    private static <T> StrategyRuns<T> assertSame(List<? extends Task<T>> tasks, List<? extends Task<T>> callbackTasks,
                                                  RunOptions options, BiPredicate<? super T, ? super T> values,
                                                  String whySkipped) {
        Objects.requireNonNull(options, "options is null (expected: RunOptions.of(Strategy.THREAD), say)");
        Objects.requireNonNull(values, "values is null (expected: an equivalence, such as Values.byContent())");
        List<Strategy> strategies = Strategies.all();
        Map<Strategy, String> skipped = new EnumMap<>(Strategy.class);
        if (callbackTasks == null && strategies.contains(Strategy.CALLBACK)) {
            skipped.put(Strategy.CALLBACK, whySkipped);
        }
        String skippedText = StrategyRuns.describe(skipped);
        Results<T> reference = Concurrency.run(tasks, sequential(options));
        Map<Strategy, Results<T>> ran = new EnumMap<>(Strategy.class);
        for (Strategy strategy : strategies) {
            List<? extends Task<T>> run = strategy == Strategy.CALLBACK ? callbackTasks : tasks;
            if (run == null) {
                continue;
            }
            Results<T> results = Concurrency.run(run, Strategies.adapt(options.strategy(strategy)));
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < run.size(); i++) {
                Outcome<T> expected = reference.outcomes().get(i);
                Outcome<T> actual = results.outcomes().get(i);
                if (!Outcomes.equivalent(expected, actual, values)) {
                    mismatches.add(MismatchMessage.line(run, i, expected, actual));
                }
            }
            if (!mismatches.isEmpty()) {
                throw new AssertionError(MismatchMessage.differ(
                        strategy, mismatches, run, Strategies.adapt(options.strategy(strategy)), skippedText));
            }
            ran.put(strategy, results);
        }
        return new StrategyRuns<>(reference, ran, skipped);
    }

    /** {@return the index of the first task that is not an {@link AsyncTask}, or -1} */
    private static int firstDirectStyle(List<? extends Task<?>> tasks) {
        for (int i = 0; i < tasks.size(); i++) {
            if (!(tasks.get(i) instanceof AsyncTask<?>)) {
                return i;
            }
        }
        return -1;
    }

    private static void checked(String name, List<? extends Task<?>> tasks) {
        Objects.requireNonNull(tasks, () -> name + " is null (expected: a list of tasks)");
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i) == null) {
                throw new NullPointerException(name + "[" + i + "] is null");
            }
        }
    }
}
