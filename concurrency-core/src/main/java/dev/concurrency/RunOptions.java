package dev.concurrency;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run tasks: the {@link Strategy} and its limits. Immutable; each
 * setter returns a new instance, so one options value can be shared and varied.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.of(Strategy.THREAD)
 *         .maxConcurrency(64)
 *         .taskTimeout(Duration.ofSeconds(2))
 *         .failFast();
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class RunOptions {

    /** How many platform threads {@link Strategy#THREAD} uses when {@code maxConcurrency} is not set. */
    public static final int DEFAULT_THREAD_POOL_SIZE = 256;

    private static final TaskListener NO_LISTENER = new TaskListener() { };

    private final Strategy strategy;
    private final int maxConcurrency;      // 0: the strategy's default
    private final Duration taskTimeout;    // null: none
    private final Duration deadline;       // null: none
    private final boolean failFast;
    private final TaskListener listener;

    private RunOptions(Strategy strategy, int maxConcurrency, Duration taskTimeout, Duration deadline,
                       boolean failFast, TaskListener listener) {
        this.strategy = strategy;
        this.maxConcurrency = maxConcurrency;
        this.taskTimeout = taskTimeout;
        this.deadline = deadline;
        this.failFast = failFast;
        this.listener = listener;
    }

    /**
     * Options for a strategy, with no limits beyond the strategy's own.
     *
     * @param strategy how to run the tasks
     * @return the options
     */
    public static RunOptions of(Strategy strategy) {
        Objects.requireNonNull(strategy, "strategy is null");
        return new RunOptions(strategy, 0, null, null, false, NO_LISTENER);
    }

    /**
     * The same options with another strategy.
     *
     * @param strategy how to run the tasks
     * @return new options
     */
    public RunOptions strategy(Strategy strategy) {
        Objects.requireNonNull(strategy, "strategy is null");
        return new RunOptions(strategy, maxConcurrency, taskTimeout, deadline, failFast, listener);
    }

    /**
     * At most this many tasks run at once; the others wait, in input order.
     * For {@link Strategy#THREAD} it is also the size of the thread pool.
     *
     * @param maxConcurrency the bound, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code maxConcurrency <= 0}
     */
    public RunOptions maxConcurrency(int maxConcurrency) {
        if (maxConcurrency <= 0) {
            throw new IllegalArgumentException("maxConcurrency: " + maxConcurrency + " (expected: > 0)");
        }
        return new RunOptions(strategy, maxConcurrency, taskTimeout, deadline, failFast, listener);
    }

    /**
     * Each task may run for this long from its start; then it is cancelled and
     * its outcome is {@link Outcome.TimedOut}.
     *
     * @param timeout the time each task may run, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public RunOptions taskTimeout(Duration timeout) {
        return new RunOptions(strategy, maxConcurrency, positive("taskTimeout", timeout), deadline, failFast, listener);
    }

    /**
     * A whole run may take this long. When it passes, running tasks are
     * cancelled and end {@link Outcome.TimedOut}; tasks not yet started end
     * {@link Outcome.Cancelled}. Applies to each {@code run(tasks)} call.
     *
     * @param deadline the time a run may take, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code deadline} is zero or negative
     */
    public RunOptions deadline(Duration deadline) {
        return new RunOptions(strategy, maxConcurrency, taskTimeout, positive("deadline", deadline), failFast, listener);
    }

    /**
     * When a task of a run fails, cancel the others of that run: running ones
     * are interrupted, waiting ones never start. Their outcomes are
     * {@link Outcome.Cancelled}.
     *
     * @return new options
     */
    public RunOptions failFast() {
        return new RunOptions(strategy, maxConcurrency, taskTimeout, deadline, true, listener);
    }

    /**
     * Tells {@code listener} when each task starts and ends, for progress
     * displays. It is called from the threads that run the tasks, so it must be
     * thread-safe and quick; what it throws is logged and ignored.
     *
     * @param listener the listener
     * @return new options
     */
    public RunOptions listener(TaskListener listener) {
        Objects.requireNonNull(listener, "listener is null");
        return new RunOptions(strategy, maxConcurrency, taskTimeout, deadline, failFast, listener);
    }

    /** @return the strategy */
    public Strategy strategy() {
        return strategy;
    }

    /** @return the bound set by {@link #maxConcurrency(int)}, if any */
    public OptionalInt maxConcurrency() {
        return maxConcurrency == 0 ? OptionalInt.empty() : OptionalInt.of(maxConcurrency);
    }

    /** @return the per-task timeout, if any */
    public Optional<Duration> taskTimeout() {
        return Optional.ofNullable(taskTimeout);
    }

    /** @return the per-run deadline, if any */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** @return whether one failure cancels the rest of its run */
    public boolean isFailFast() {
        return failFast;
    }

    /** @return the listener; one that does nothing when none was set */
    public TaskListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RunOptions[").append(strategy);
        if (maxConcurrency != 0) s.append(", maxConcurrency=").append(maxConcurrency);
        if (taskTimeout != null) s.append(", taskTimeout=").append(taskTimeout);
        if (deadline != null) s.append(", deadline=").append(deadline);
        if (failFast) s.append(", failFast");
        return s.append(']').toString();
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }
}
