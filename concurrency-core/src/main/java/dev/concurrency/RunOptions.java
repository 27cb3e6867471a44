package dev.concurrency;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** How long a task may keep an event loop before it is reported, unless set ({@link LoopOptions}). */
    public static final Duration DEFAULT_BLOCKED_LOOP_WARNING = LoopOptions.DEFAULT_BLOCKED_LOOP_WARNING;

    private static final TaskListener NO_LISTENER = new TaskListener() { };

    /** Every setting; {@code null} or 0 where the strategy's default applies. Changed only while copying. */
    private static final class Values implements Cloneable {
        Strategy strategy;
        int maxConcurrency;
        Duration taskTimeout;
        Duration deadline;
        boolean failFast;
        TaskListener listener = NO_LISTENER;
        Gil gil = Gil.off();
        Map<Class<? extends StrategyOptions>, StrategyOptions> strategyOptions = Map.of();

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
     * Attaches settings that only some strategies take, replacing any of the
     * same type. A run, runner or executor whose strategy does not take them
     * is refused before anything runs, naming the setting and the strategies it
     * applies to (a {@link Concurrency#compare} template is the exception: each
     * strategy's run takes only the settings that concern it).
     *
     * <pre>{@code
     * RunOptions.of(Strategy.PROCESS).with(ProcessOptions.defaults().workers(4).maxTasksPerWorker(100));
     * }</pre>
     *
     * @param settings the settings
     * @return new options
     */
    public RunOptions with(StrategyOptions settings) {
        Objects.requireNonNull(settings, "settings is null");
        return with(c -> {
            Map<Class<? extends StrategyOptions>, StrategyOptions> copy = new LinkedHashMap<>(c.strategyOptions);
            copy.put(settings.getClass(), settings);
            c.strategyOptions = Collections.unmodifiableMap(copy);
        });
    }

    /**
     * The same options without the settings of one type.
     *
     * @param type the settings' type
     * @return new options, or these if none of that type are attached
     */
    public RunOptions without(Class<? extends StrategyOptions> type) {
        Objects.requireNonNull(type, "type is null");
        if (!v.strategyOptions.containsKey(type)) {
            return this;
        }
        return with(c -> {
            Map<Class<? extends StrategyOptions>, StrategyOptions> copy = new LinkedHashMap<>(c.strategyOptions);
            copy.remove(type);
            c.strategyOptions = Collections.unmodifiableMap(copy);
        });
    }

    /**
     * The strategy-specific settings of one type, as attached with {@code with}.
     *
     * @param type the settings' type
     * @param <O>  the type
     * @return the attached settings of that type, if any
     * @throws NullPointerException if {@code type} is null
     */

    public <O extends StrategyOptions> Optional<O> option(Class<O> type) {
        Objects.requireNonNull(type, "type is null");
        return Optional.ofNullable(type.cast(v.strategyOptions.get(type)));
    }

    /** {@return every attached strategy-specific setting, in the order first attached} */
    public Collection<StrategyOptions> strategyOptions() {
        return v.strategyOptions.values();
    }

    /**
     * How many event loops (one thread each) {@link Strategy#EVENT_LOOP} and
     * {@link Strategy#CALLBACK} spread tasks over, in turn; 1 by default.
     * Shortcut for {@code with(LoopOptions.defaults().loops(loops))}, keeping
     * the other loop settings.
     *
     * @param loops the number of loops, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code loops <= 0}
     */
    public RunOptions loops(int loops) {
        return with(loopOptions().loops(loops));
    }

    /**
     * Makes an {@link Strategy#EVENT_LOOP} or {@link Strategy#CALLBACK} run a
     * simulation: virtual time, a seeded choice of the next ready task, and a
     * {@linkplain Results#trace() trace} that the same seed replays.
     * Shortcut for {@link LoopOptions#simulated(long)}, keeping the other loop settings.
     *
     * @param seed the seed of the choices
     * @return new options
     */
    public RunOptions simulated(long seed) {
        return with(loopOptions().simulated(seed));
    }

    /**
     * Reports (once, at WARN, with its stack) a task that keeps an event loop
     * this long without giving it back, as asyncio's debug mode does.
     * 100 ms by default. Shortcut for {@link LoopOptions#blockedLoopWarning(Duration)}.
     *
     * @param threshold how long a task may keep its loop, {@code > 0}
     * @return new options
     */
    public RunOptions blockedLoopWarning(Duration threshold) {
        return with(loopOptions().blockedLoopWarning(threshold));
    }

    /**
     * Turns the blocked-loop report off. Shortcut for {@link LoopOptions#noBlockedLoopWarning()}.
     *
     * @return new options
     */
    public RunOptions noBlockedLoopWarning() {
        return with(loopOptions().noBlockedLoopWarning());
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
     * per available processor. At most this many tasks run at once. Shortcut
     * for {@link ProcessOptions#workers(int)}.
     *
     * @param workers the number of worker processes, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code workers <= 0}
     */
    public RunOptions workers(int workers) {
        return with(processOptions().workers(workers));
    }

    /**
     * Under {@link Strategy#PROCESS}, replaces a worker process with a fresh one
     * after it has run this many tasks. Shortcut for {@link ProcessOptions#maxTasksPerWorker(int)}.
     *
     * @param tasks how many tasks a worker runs before it is replaced, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code tasks <= 0}
     */
    public RunOptions maxTasksPerWorker(int tasks) {
        return with(processOptions().maxTasksPerWorker(tasks));
    }

    /**
     * JVM options for the worker processes of {@link Strategy#PROCESS}.
     * Shortcut for {@link ProcessOptions#workerJvmFlags(String...)}.
     *
     * @param flags the options, none null or blank
     * @return new options
     */
    public RunOptions workerJvmFlags(String... flags) {
        return with(processOptions().workerJvmFlags(flags));
    }

    /**
     * Sets the class path of {@link Strategy#PROCESS}'s worker processes.
     * Shortcut for {@link ProcessOptions#workerClassPath(String)}.
     *
     * @param classPath entries separated by {@link java.io.File#pathSeparator}
     * @return new options
     * @throws IllegalArgumentException if {@code classPath} is blank
     */
    public RunOptions workerClassPath(String classPath) {
        return with(processOptions().workerClassPath(classPath));
    }

    private LoopOptions loopOptions() {
        return option(LoopOptions.class).orElse(LoopOptions.defaults());
    }

    private ProcessOptions processOptions() {
        return option(ProcessOptions.class).orElse(ProcessOptions.defaults());
    }

    /** {@return the strategy} */
    public Strategy strategy() {
        return v.strategy;
    }

    /** {@return the bound set by {@link #maxConcurrency(int)}, if any} */
    public OptionalInt maxConcurrency() {
        return v.maxConcurrency == 0 ? OptionalInt.empty() : OptionalInt.of(v.maxConcurrency);
    }

    /** {@return the per-task timeout, if any} */
    public Optional<Duration> taskTimeout() {
        return Optional.ofNullable(v.taskTimeout);
    }

    /** {@return the per-run deadline, if any} */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(v.deadline);
    }

    /** {@return whether one failure cancels the rest of its run} */
    public boolean isFailFast() {
        return v.failFast;
    }

    /** {@return the listener; one that does nothing when none was set} */
    public TaskListener listener() {
        return v.listener;
    }

    /** {@return the emulated interpreter lock; {@link Gil#off()} by default} */
    public Gil gil() {
        return v.gil;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RunOptions[").append(v.strategy);
        if (v.maxConcurrency != 0) s.append(", maxConcurrency=").append(v.maxConcurrency);
        if (v.taskTimeout != null) s.append(", taskTimeout=").append(v.taskTimeout);
        if (v.deadline != null) s.append(", deadline=").append(v.deadline);
        if (v.failFast) s.append(", failFast");
        if (!v.gil.isOff()) s.append(", gil=").append(v.gil);
        for (StrategyOptions o : v.strategyOptions.values()) s.append(", ").append(o.settings());
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
