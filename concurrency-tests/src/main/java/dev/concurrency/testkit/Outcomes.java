package dev.concurrency.testkit;

import dev.concurrency.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * Compares outcomes across strategies: equal values, and failures equal by
 * exception class and message (each strategy makes its own exception objects).
 * This class holds no state, and so is thread-safe.
 */

public final class Outcomes {

    private Outcomes() {
    }

    /**
     * Whether two outcomes end the same way: both successes with equal values,
     * failures with the same exception class and message, both cancelled, or
     * timeouts of the same limit.
     *
     * @param a   one outcome
     * @param b   another
     * @param <T> the result type
     * @return whether they end the same way with the same value or error
     */
    public static <T> boolean equivalent(Outcome<T> a, Outcome<T> b) {
        return describe(a).equals(describe(b));
    }

    /**
     * Describes an outcome by what {@link #equivalent} compares: the value, the
     * exception's class and message, or the timeout's limit.
     *
     * @param outcome an outcome
     * @param <T>     its result type
     * @return a text equal for equivalent outcomes, such as {@code Failure(java.io.IOException: refused)}
     */
    public static <T> String describe(Outcome<T> outcome) {
        return switch (outcome) {
            case Outcome.Success<T> s -> "Success(" + Objects.toString(s.value()) + ")";
            case Outcome.Failure<T> f -> "Failure(" + f.error().getClass().getName() + ": " + f.error().getMessage() + ")";
            case Outcome.Cancelled<T> c -> "Cancelled";
            case Outcome.TimedOut<T> t -> "TimedOut(" + t.limit() + ")";
        };
    }

    /**
     * Describes each outcome of a list.
     *
     * @param outcomes outcomes

     * @param <T>      their result type
     * @return {@link #describe} of each, in order
     */
    public static <T> List<String> describeAll(List<Outcome<T>> outcomes) {
        return outcomes.stream().map(Outcomes::describe).toList();
    }
}
