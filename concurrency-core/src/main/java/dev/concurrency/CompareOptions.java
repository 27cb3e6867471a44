package dev.concurrency;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Concurrency#compare(java.util.List, CompareOptions, Strategy...)}
 * runs the tasks: the {@link RunOptions} every strategy runs with (their own
 * strategy is ignored), how much of the task list the warm-up run takes, and
 * how often memory is sampled. Immutable; each setter returns a new instance.
 *
 * <pre>{@code
 * CompareOptions options = CompareOptions.of(RunOptions.of(Strategy.THREAD).gil(Gil.python3()))
 *         .warmUp(100);
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class CompareOptions {

    /** Warm up with every task, unless set. */
    public static final int ALL_TASKS = Integer.MAX_VALUE;

    /** How often memory is sampled during a measured run, unless set. */
    public static final Duration DEFAULT_MEMORY_SAMPLE_INTERVAL = Duration.ofMillis(10);

    private final RunOptions template;
    private final int warmUpTasks;
    private final Duration memorySampleInterval;

    private CompareOptions(RunOptions template, int warmUpTasks, Duration memorySampleInterval) {
        this.template = template;
        this.warmUpTasks = warmUpTasks;
        this.memorySampleInterval = memorySampleInterval;
    }

    /**
     * Options whose runs use {@code template} with each compared strategy in
     * place of its own; the warm-up takes every task.
     *
     * The template may carry settings for several strategies
     * ({@code RunOptions.of(THREAD).loops(2).workers(4)}): each strategy's run
     * takes only those that concern it.
     *
     * @param template the run options (limits, timeouts, GIL, listener, strategy settings) of every run
     * @return the options
     */
    public static CompareOptions of(RunOptions template) {
        Objects.requireNonNull(template, "template is null");
        return new CompareOptions(template, ALL_TASKS, DEFAULT_MEMORY_SAMPLE_INTERVAL);
    }

    /** {@return options with each strategy's default run options, warming up with every task} */
    public static CompareOptions defaults() {
        return of(RunOptions.of(Strategy.THREAD));
    }

    /**
     * Before each strategy's measured run, run the first {@code tasks} of the
     * list under it, unmeasured, so that its code paths are compiled. 0 skips
     * the warm-up; more than the list holds takes the whole list.
     *
     * @param tasks how many tasks the warm-up takes, {@code >= 0}
     * @return new options
     * @throws IllegalArgumentException if {@code tasks < 0}
     */
    public CompareOptions warmUp(int tasks) {
        if (tasks < 0) {
            throw new IllegalArgumentException("warmUp: " + tasks + " (expected: >= 0)");
        }
        return new CompareOptions(template, tasks, memorySampleInterval);
    }

    /**
     * How often the memory sampler reads heap and resident memory during each
     * measured run; {@link #DEFAULT_MEMORY_SAMPLE_INTERVAL} by default.
     *
     * @param interval how often the sampler reads heap and resident memory during a run, {@code > 0}
     * @return new options
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is zero or negative

     */
    public CompareOptions memorySampleInterval(Duration interval) {
        Objects.requireNonNull(interval, "memorySampleInterval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("memorySampleInterval: " + interval + " (expected: > 0)");
        }
        return new CompareOptions(template, warmUpTasks, interval);
    }

    /** {@return the run options of every run, whose strategy is replaced by each compared one} */
    public RunOptions template() {
        return template;
    }

    /** {@return how many tasks the warm-up takes; {@link #ALL_TASKS} by default} */
    public int warmUpTasks() {
        return warmUpTasks;
    }

    /** {@return how often memory is sampled} */
    public Duration memorySampleInterval() {
        return memorySampleInterval;
    }

    @Override
    public String toString() {
        return "CompareOptions[" + template + ", warmUp=" + (warmUpTasks == ALL_TASKS ? "all" : warmUpTasks)
                + ", memorySampleInterval=" + memorySampleInterval + "]";
    }
}
