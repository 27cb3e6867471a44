package dev.concurrency.testkit;

import dev.concurrency.Results;
import dev.concurrency.Strategy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What {@link Equivalence} ran: the sequential reference run, the results
 * under each strategy it ran, and each strategy it could not run, with why
 * (a list with a direct-style task in it cannot run under
 * {@link Strategy#CALLBACK}, which runs only {@link dev.concurrency.AsyncTask}s).
 *
 * <pre>{@code
 * Equivalence.assertSameOutcomesUnderEveryStrategy(tasks, options).assertRanEveryStrategy();
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 *
 * @param <T> the tasks' result type
 */
public final class StrategyRuns<T> {

    private final Results<T> reference;
    private final Map<Strategy, Results<T>> ran;
    private final Map<Strategy, String> skipped;

    StrategyRuns(Results<T> reference, Map<Strategy, Results<T>> ran, Map<Strategy, String> skipped) {
        this.reference = reference;
        this.ran = copy(ran);
        this.skipped = copy(skipped);
    }

    /** {@return the sequential run every strategy was compared with} */
    public Results<T> reference() {
        return reference;
    }

    /** {@return the strategies run and compared, in the order they ran} */
    public List<Strategy> ran() {
        return List.copyOf(ran.keySet());
    }

    /**
     * {@return its results}
     *
     * @param strategy a strategy that {@linkplain #ran() ran}
     * @throws IllegalArgumentException if it did not run, saying why
     */
    public Results<T> results(Strategy strategy) {
        Results<T> results = ran.get(strategy);
        if (results == null) {
            throw new IllegalArgumentException("strategy: " + strategy + " (expected: one that ran, " + ran()
                    + (skipped.containsKey(strategy) ? "; it was skipped: " + skipped.get(strategy) : "") + ")");
        }
        return results;
    }

    /** {@return each strategy of {@link Strategies#all()} that did not run, with why; empty when every one ran} */
    public Map<Strategy, String> skipped() {
        return skipped;
    }

    /**
     * For a test that must cover every strategy, CALLBACK included.
     *
     * @return this
     * @throws AssertionError if a strategy was skipped, naming each and why
     */
    public StrategyRuns<T> assertRanEveryStrategy() {
        if (!skipped.isEmpty()) {
            throw new AssertionError("not every strategy ran: " + describeSkipped());
        }
        return this;
    }

    @Override
    public String toString() {
        return "StrategyRuns[ran: " + ran() + (skipped.isEmpty() ? "" : "; skipped: " + describeSkipped()) + "]";
    }

    private String describeSkipped() {
        return describe(skipped);
    }

    /** {@return each skipped strategy with why, as failure messages show them} */
    static String describe(Map<Strategy, String> skipped) {
        StringJoiner text = new StringJoiner("; ");
        skipped.forEach((strategy, why) -> text.add(strategy + " (" + why + ")"));
        return text.toString();
    }

    private static <V> Map<Strategy, V> copy(Map<Strategy, V> map) {
        return map.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(map));
    }
}
