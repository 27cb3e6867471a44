package dev.concurrency;

import java.time.Duration;
import java.util.List;
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

    /** How long a task may keep an event loop before it is reported, unless set. */
    public static final Duration DEFAULT_BLOCKED_LOOP_WARNING = Duration.ofMillis(100);

    private static final TaskListener NO_LISTENER = new TaskListener() { };

    /** Every setting; {@code null} or 0 where the strategy's default applies. Changed only while copying. */
    private static final class Values implements Cloneable {
        Strategy strategy;
        int maxConcurrency;
        Duration taskTimeout;
        Duration deadline;
        boolean failFast;
        TaskListener listener = NO_LISTENER;
        int loops = 1;
        Duration blockedLoopWarning = DEFAULT_BLOCKED_LOOP_WARNING;
        Gil gil = Gil.off();
        int workers;
        int maxTasksPerWorker;
        List<String> workerJvmFlags = List.of();

        Values copy() {
            try {
                return (Values) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Values v;

    private RunOptions(Values values) {
        this.v = values;
    }

    /** A copy with one change; the copy is never changed again, so options stay immutable. */
    private RunOptions with(java.util.function.Consumer<Values> change) {
        Values copy = v.copy();
        change.accept(copy);
        return new RunOptions(copy);
    }

    /**
     * Options for a strategy, with no limits beyond the strategy's own.
     *
     * @param strategy how to run the tasks
     * @return the options
     */
    public static RunOptions of(Strategy strategy) {
        Objects.requireNonNull(strategy, "strategy is null");
        Values values = new Values();
        values.strategy = strategy;
        return new RunOptions(values);
    }

    /**
     * The same options with another strategy.
     *
     * @param strategy how to run the tasks
     * @return new options
     */
    public RunOptions strategy(Strategy strategy) {
        Objects.requireNonNull(strategy, "strategy is null");
        return with(c -> c.strategy = strategy);
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
        return with(c -> c.maxConcurrency = maxConcurrency);
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
        return with(c -> c.taskTimeout = positive("taskTimeout", timeout));
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
        return with(c -> c.deadline = positive("deadline", deadline));
    }

    /**
     * When a task of a run fails, cancel the others of that run: running ones
     * are interrupted, waiting ones never start. Their outcomes are
     * {@link Outcome.Cancelled}.
     *
     * @return new options
     */
    public RunOptions failFast() {
        return with(c -> c.failFast = true);
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
        return with(c -> c.listener = listener);
    }

    /**
     * How many event loops (one thread each) {@link Strategy#EVENT_LOOP} and
     * {@link Strategy#CALLBACK} spread tasks over, in turn; 1 by default.
     * Other strategies ignore it.
     *
     * @param loops the number of loops, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code loops <= 0}
     */
    public RunOptions loops(int loops) {
        if (loops <= 0) {
            throw new IllegalArgumentException("loops: " + loops + " (expected: > 0)");
        }
        return with(c -> c.loops = loops);
    }

    /**
     * Reports (once, at WARN, with its stack) a task that keeps an event loop
     * this long without giving it back, as asyncio's debug mode does.
     * 100 ms by default.
     *
     * @param threshold how long a task may keep its loop, {@code > 0}
     * @return new options
     */
    public RunOptions blockedLoopWarning(Duration threshold) {
        return with(c -> c.blockedLoopWarning = positive("blockedLoopWarning", threshold));
    }

    /**
     * Turns the blocked-loop report off.
     *
     * @return new options
     */
    public RunOptions noBlockedLoopWarning() {
        return with(c -> c.blockedLoopWarning = null);
    }

    /**
     * Runs task code under an emulated global interpreter lock; see {@link Gil}.
     *
     * @param gil the lock, or {@link Gil#off()} (the default)
     * @return new options
     */
    public RunOptions gil(Gil gil) {
        Objects.requireNonNull(gil, "gil is null");
        return with(c -> c.gil = gil);
    }

    /**
     * How many worker processes {@link Strategy#PROCESS} keeps; by default one
     * per available processor. At most this many tasks run at once. Other
     * strategies ignore it.
     *
     * @param workers the number of worker processes, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code workers <= 0}
     */
    public RunOptions workers(int workers) {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers: " + workers + " (expected: > 0)");
        }
        return with(c -> c.workers = workers);
    }

    /**
     * Under {@link Strategy#PROCESS}, replaces a worker process with a fresh one
     * after it has run this many tasks (Python's {@code max_tasks_per_child}),
     * to bound what a worker can accumulate. Unlimited by default.
     *
     * @param tasks how many tasks a worker runs before it is replaced, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code tasks <= 0}
     */
    public RunOptions maxTasksPerWorker(int tasks) {
        if (tasks <= 0) {
            throw new IllegalArgumentException("maxTasksPerWorker: " + tasks + " (expected: > 0)");
        }
        return with(c -> c.maxTasksPerWorker = tasks);
    }

    /**
     * JVM options for the worker processes of {@link Strategy#PROCESS}, after
     * the ones they take from this JVM (such as {@code --add-opens}, {@code -D}
     * and {@code -Xmx}), so these win; for example {@code "-Xmx256m"}.
     * Options that make a JVM print to its standard output (such as
     * {@code -Xlog} without an output, or {@code -verbose:gc}) would corrupt the
     * channel to the parent: send their output to {@code stderr}
     * ({@code -Xlog:gc:stderr}).
     *
     * @param flags the options, none null or blank
     * @return new options
     */
    public RunOptions workerJvmFlags(String... flags) {
        Objects.requireNonNull(flags, "flags is null");
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == null || flags[i].isBlank()) {
                throw new IllegalArgumentException("workerJvmFlags[" + i + "]: '" + flags[i]
                        + "' (expected: a JVM option such as -Xmx256m)");
            }
        }
        List<String> copy = List.of(flags);
        return with(c -> c.workerJvmFlags = copy);
    }

    /** @return the number of worker processes set by {@link #workers(int)}, if any */
    public OptionalInt workers() {
        return v.workers == 0 ? OptionalInt.empty() : OptionalInt.of(v.workers);
    }

    /** @return how many tasks a worker process runs before it is replaced, if limited */
    public OptionalInt maxTasksPerWorker() {
        return v.maxTasksPerWorker == 0 ? OptionalInt.empty() : OptionalInt.of(v.maxTasksPerWorker);
    }

    /** @return the extra JVM options of worker processes */
    public List<String> workerJvmFlags() {
        return v.workerJvmFlags;
    }

    /** @return the strategy */
    public Strategy strategy() {
        return v.strategy;
    }

    /** @return the bound set by {@link #maxConcurrency(int)}, if any */
    public OptionalInt maxConcurrency() {
        return v.maxConcurrency == 0 ? OptionalInt.empty() : OptionalInt.of(v.maxConcurrency);
    }

    /** @return the per-task timeout, if any */
    public Optional<Duration> taskTimeout() {
        return Optional.ofNullable(v.taskTimeout);
    }

    /** @return the per-run deadline, if any */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(v.deadline);
    }

    /** @return whether one failure cancels the rest of its run */
    public boolean isFailFast() {
        return v.failFast;
    }

    /** @return the listener; one that does nothing when none was set */
    public TaskListener listener() {
        return v.listener;
    }

    /** @return the emulated interpreter lock; {@link Gil#off()} by default */
    public Gil gil() {
        return v.gil;
    }

    /** @return how many event loops the loop strategies use */
    public int loops() {
        return v.loops;
    }

    /** @return how long a task may keep an event loop before it is reported; empty when the report is off */
    public Optional<Duration> blockedLoopWarning() {
        return Optional.ofNullable(v.blockedLoopWarning);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RunOptions[").append(v.strategy);
        if (v.maxConcurrency != 0) s.append(", maxConcurrency=").append(v.maxConcurrency);
        if (v.taskTimeout != null) s.append(", taskTimeout=").append(v.taskTimeout);
        if (v.deadline != null) s.append(", deadline=").append(v.deadline);
        if (v.failFast) s.append(", failFast");
        if (v.loops != 1) s.append(", loops=").append(v.loops);
        if (v.workers != 0) s.append(", workers=").append(v.workers);
        if (v.maxTasksPerWorker != 0) s.append(", maxTasksPerWorker=").append(v.maxTasksPerWorker);
        if (!v.workerJvmFlags.isEmpty()) s.append(", workerJvmFlags=").append(v.workerJvmFlags);
        if (!v.gil.isOff()) s.append(", gil=").append(v.gil);
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
