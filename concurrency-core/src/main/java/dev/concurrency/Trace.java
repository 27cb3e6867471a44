package dev.concurrency;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What a {@linkplain LoopOptions#simulated(long) simulated} run did, step by
 * step, in order: at which virtual time which task started, suspended (on
 * what), resumed, and how it ended. The same seed and the same tasks give an
 * equal trace; {@link #toString()} prints one step per line.
 *
 * <pre>{@code
 * Results<Integer> results = Concurrency.run(tasks, RunOptions.of(Strategy.EVENT_LOOP).simulated(42));
 * System.out.println(results.trace().orElseThrow());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Trace {

    /**
     * One step of a simulated run.
     *
     * @param at    the virtual time since the run's clock began
     * @param task  the task's name (as {@link TaskInfo} prints it)
     * @param event what it did: {@code started}, {@code suspended on sleep(PT1S)}, {@code resumed},
     *              {@code ended Success[value=3]}, and so on
     */
    public record Step(Duration at, String task, String event) {

        /**
         * Makes a step.
         *
         * @throws NullPointerException if an argument is null
         */
        public Step {
            Objects.requireNonNull(at, "at is null");
            Objects.requireNonNull(task, "task is null");
            Objects.requireNonNull(event, "event is null");
        }

        @Override
        public String toString() {
            return String.format("%16s  %-24s %s", "+" + at.toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                    task, event);
        }
    }

    private final long seed;
    private final List<Step> steps;

    /**
     * Makes a trace of steps given in full; the list is copied.
     *
     * @param seed  the seed of the run
     * @param steps its steps, in order
     */
    public Trace(long seed, List<Step> steps) {
        this.seed = seed;
        this.steps = List.copyOf(steps);
    }

    private Trace(long seed, int size, java.util.function.IntFunction<Step> step) {
        this.seed = seed;
        this.steps = new java.util.AbstractList<>() {
            @Override
            public Step get(int index) {
                java.util.Objects.checkIndex(index, size);
                return step.apply(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /**
     * A trace whose steps are made as they are read, for a run that records
     * many: {@code step} must give equal steps for an index every time.
     *
     * @param seed the seed of the run
     * @param size how many steps
     * @param step makes step {@code i}, for {@code 0 <= i < size}; thread-safe
     * @return the trace
     * @throws IllegalArgumentException if {@code size < 0}
     */
    public static Trace of(long seed, int size, java.util.function.IntFunction<Step> step) {
        if (size < 0) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
        }
        Objects.requireNonNull(step, "step is null");
        return new Trace(seed, size, step);
    }

    /** {@return the seed that replays this run} */
    public long seed() {
        return seed;
    }

    /** {@return the steps, in the order they happened} */
    public List<Step> steps() {
        return steps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace other && seed == other.seed && steps.equals(other.steps);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + steps.hashCode();
    }

    /** {@return a header naming the seed, then one step per line} */
    @Override
    public String toString() {
        StringJoiner lines = new StringJoiner("\n");
        lines.add("simulated(" + seed + "), " + steps.size() + " steps:");
        for (Step step : steps) {
            lines.add(step.toString());
        }
        return lines.toString();
    }
}
