package dev.concurrency;

import java.time.Duration;
import java.util.Objects;

/**
 * How one task ended: exactly one of {@link Success}, {@link Failure},
 * {@link Cancelled} or {@link TimedOut}.
 *
 * <pre>{@code
 * switch (outcome) {
 *     case Outcome.Success<Long> s -> total += s.value();
 *     case Outcome.Failure<Long> f -> log.warn("failed", f.error());
 *     case Outcome.Cancelled<Long> c -> cancelled++;
 *     case Outcome.TimedOut<Long> t -> late++;
 * }
 * }</pre>
 *
 * <p>Every outcome is immutable and thread-safe (the value or exception it holds is the task's own).
 *
 * @param <T> the task's result type
 */
public sealed interface Outcome<T> {

    /** {@return whether this is a {@link Success}} */
    default boolean isSuccess() {
        return this instanceof Success<T>;
    }

    /**
     * The task returned a value.
     *
     * @param value what it returned (may be {@code null})
     * @param <T>   its type
     */
    record Success<T>(T value) implements Outcome<T> {
    }

    /**
     * The task threw.
     *
     * @param error what it threw: an {@link Exception} or an {@link Error}
     * @param <T>   the task's result type
     */
    record Failure<T>(Throwable error) implements Outcome<T> {
        /**
         * Creates a failure.
         *
         * @param error what the task threw
         * @throws NullPointerException if {@code error} is null
         */
        public Failure {
            Objects.requireNonNull(error, "error is null");
        }
    }

    /**
     * The task was cancelled: by {@link RunOptions#failFast()}, by the run's
     * deadline before it started, by cancelling its future, by shutting its
     * runner down, or by interrupting the thread waiting for its run.
     *
     * @param <T> the task's result type
     */
    record Cancelled<T>() implements Outcome<T> {
    }

    /**
     * The task ran out of time: its {@link RunOptions#taskTimeout(Duration)
     * timeout} or its run's {@link RunOptions#deadline(Duration) deadline}
     * passed while it ran.
     *
     * @param limit the limit that passed
     * @param <T>   the task's result type
     */
    record TimedOut<T>(Duration limit) implements Outcome<T> {
        /**
         * Creates a timeout.
         *
         * @param limit the limit that passed
         * @throws NullPointerException if {@code limit} is null
         */
        public TimedOut {

            Objects.requireNonNull(limit, "limit is null");
        }
    }
}
