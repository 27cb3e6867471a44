package dev.concurrency.testkit;

import dev.concurrency.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Compares outcomes across strategies: values equal by content (see
 * {@link Values}) or by an equivalence of your own, failures equal by
 * exception class and message (each strategy makes its own exception
 * objects), cancellations equal, timeouts equal by their limit.
 *
 * <pre>{@code
 * Outcomes.equivalent(a, b);                                 // values by content
 * Outcomes.equivalent(a, b, (x, y) -> x.sameAs(y));          // values your way
 * }</pre>
 *
 * This class is stateless and thread-safe.
 */
public final class Outcomes {

    private Outcomes() {
    }

    /**
     * {@return whether they end the same way, with values equal by {@linkplain Values#contentEquals content} or failures of the same class and message}
     *
     * @param a   one outcome
     * @param b   another
     * @param <T> the result type
     */
    public static <T> boolean equivalent(Outcome<T> a, Outcome<T> b) {
        return equivalent(a, b, Values.byContent());
    }

    /**
     * {@return whether they end the same way: both successes with values that {@code values} accepts, both failures of the same exception class and message, both cancelled, or both timed out at the same limit}
     *
     * @param a      one outcome
     * @param b      another
     * @param values whether two successful values are the same; called with {@code a}'s value first
     * @param <T>    the result type
     */
    public static <T> boolean equivalent(Outcome<T> a, Outcome<T> b, BiPredicate<? super T, ? super T> values) {
        Objects.requireNonNull(values, "values is null (expected: an equivalence, such as Values.byContent())");
        return switch (a) {
            case Outcome.Success<T> x -> b instanceof Outcome.Success<T> y && values.test(x.value(), y.value());
            case Outcome.Failure<T> x -> b instanceof Outcome.Failure<T> y
                    && x.error().getClass() == y.error().getClass()
                    && Objects.equals(x.error().getMessage(), y.error().getMessage());
            case Outcome.Cancelled<T> x -> b instanceof Outcome.Cancelled<T>;
            case Outcome.TimedOut<T> x -> b instanceof Outcome.TimedOut<T> y && x.limit().equals(y.limit());
        };
    }

    /**
     * {@return a text equal for equivalent outcomes whose values are equal by content, such as {@code Success([1, 2])} or {@code Failure(java.io.IOException: refused)}}
     *
     * @param outcome an outcome
     * @param <T>     its result type
     */
    public static <T> String describe(Outcome<T> outcome) {
        return switch (outcome) {
            case Outcome.Success<T> s -> "Success(" + Values.describe(s.value()) + ")";
            case Outcome.Failure<T> f -> "Failure(" + f.error().getClass().getName() + ": " + f.error().getMessage() + ")";
            case Outcome.Cancelled<T> c -> "Cancelled";
            case Outcome.TimedOut<T> t -> "TimedOut(" + t.limit() + ")";
        };
    }

    /**
     * {@return {@link #describe} of each, in order}
     *
     * @param outcomes outcomes
     * @param <T>      their result type
     */
    public static <T> List<String> describeAll(List<Outcome<T>> outcomes) {
        return outcomes.stream().map(Outcomes::describe).toList();
    }
}
