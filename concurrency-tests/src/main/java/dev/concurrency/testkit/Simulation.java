package dev.concurrency.testkit;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * Explores the interleavings of a task set: runs it
 * {@linkplain RunOptions#simulated(long) simulated} under one seed after
 * another, stops at the first seed whose results break a property, and
 * reports that seed with the run's trace. Rerunning with that seed
 * ({@link #replay}) gives the same trace and the same results.
 *
 * <pre>{@code
 * Exploration<Integer> found = Simulation.explore(() -> bookings(), Simulation.seeds(0, 200),
 *         results -> seatsTaken(results) <= 1);
 * found.assertHolds();   // fails, naming the seed and printing its trace
 * }</pre>
 *
 * <p>Tasks get a fresh set from {@code tasks} for every seed, so that state
 * they share starts afresh. Under jqwik, draw the seed ({@code @ForAll long seed})
 * and run {@link #replay} yourself: jqwik then shrinks and reports the seed.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class Simulation {

    private Simulation() {
    }

    /**
     * {@return {@code count} seeds from {@code first} on, in order}
     *
     * @param first the first seed
     * @param count how many, {@code >= 0}
     * @throws IllegalArgumentException if {@code count < 0}
     */
    public static List<Long> seeds(long first, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        return LongStream.range(0, count).map(i -> first + i).boxed().toList();
    }

    /**
     * {@link #explore(RunOptions, Supplier, Iterable, Predicate)} under
     * {@link Strategy#EVENT_LOOP} with default options.
     *
     * @param tasks    makes the task set afresh for each seed
     * @param seeds    the seeds to try, in order
     * @param property what every run's results must satisfy
     * @param <T>      the tasks' result type
     * @return what the exploration found
     */
    public static <T> Exploration<T> explore(Supplier<? extends List<? extends Task<T>>> tasks, Iterable<Long> seeds,
                                             Predicate<? super Results<T>> property) {
        return explore(RunOptions.of(Strategy.EVENT_LOOP), tasks, seeds, property);
    }

    /**
     * Runs the task set simulated under each seed in turn, until one breaks the property.
     *
     * @param options  the options of every run, for {@link Strategy#EVENT_LOOP} or {@link Strategy#CALLBACK};
     *                 their seed, if any, is replaced
     * @param tasks    makes the task set afresh for each seed
     * @param seeds    the seeds to try, in order
     * @param property what every run's results must satisfy
     * @param <T>      the tasks' result type
     * @return the seeds explored and the first counterexample, if any
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the options' strategy cannot simulate
     */
    public static <T> Exploration<T> explore(RunOptions options,
                                             Supplier<? extends List<? extends Task<T>>> tasks, Iterable<Long> seeds,
                                             Predicate<? super Results<T>> property) {
        Objects.requireNonNull(property, "property is null");
        Objects.requireNonNull(seeds, "seeds is null");
        int explored = 0;
        for (long seed : seeds) {
            Results<T> results = replay(options, tasks, seed);
            explored++;
            if (!property.test(results)) {
                return new Exploration<>(explored, new Counterexample<>(seed, results));
            }
        }
        return new Exploration<>(explored, null);
    }

    /**
     * Runs the task set simulated under one seed.
     *
     * @param options  the options, for {@link Strategy#EVENT_LOOP} or {@link Strategy#CALLBACK}; their seed,
     *                 if any, is replaced
     * @param tasks    makes the task set
     * @param seed     the seed
     * @param <T>      the tasks' result type
     * @return the run's results, with its trace
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the strategy cannot simulate
     */
    public static <T> Results<T> replay(RunOptions options, Supplier<? extends List<? extends Task<T>>> tasks,
                                        long seed) {
        Objects.requireNonNull(options, "options is null");
        Strategy strategy = options.strategy();
        Objects.requireNonNull(tasks, "tasks is null");
        if (strategy != Strategy.EVENT_LOOP && strategy != Strategy.CALLBACK) {
            throw new IllegalArgumentException("strategy: " + strategy + " (expected: EVENT_LOOP or CALLBACK, "
                    + "the strategies that simulate)");
        }
        List<? extends Task<T>> set = Objects.requireNonNull(tasks.get(), "tasks gave null");
        return Concurrency.run(set, options.simulated(seed));
    }

    /**
     * What {@link #explore} found.
     *
     * @param explored       how many seeds it ran
     * @param counterexample the first seed that broke the property, or {@code null}
     * @param <T>            the tasks' result type
     */
    public record Exploration<T>(int explored, Counterexample<T> counterexample) {

        /** {@return the first seed that broke the property, if one did} */
        public Optional<Counterexample<T>> found() {
            return Optional.ofNullable(counterexample);
        }

        /**
         * Passes if every seed kept the property.
         *
         * @throws AssertionError naming the seed that broke it, with its trace
         */
        public void assertHolds() {
            if (counterexample != null) {
                throw new AssertionError("the property broke under seed " + counterexample.seed() + " (after "
                        + explored + " seeds); replay it with RunOptions.simulated(" + counterexample.seed() + ")\n"
                        + counterexample.results().trace().map(Object::toString).orElse("(no trace)"));
            }
        }
    }

    /**
     * A seed whose run broke the property.
     *
     * @param seed    the seed; {@link #replay} with it gives the same results
     * @param results that run's results; their {@link Results#trace()} shows how it went
     * @param <T>     the tasks' result type
     */
    public record Counterexample<T>(long seed, Results<T> results) {
    }
}
