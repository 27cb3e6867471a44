package dev.concurrency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a run produced: one {@link Outcome} per task, in the order the tasks
 * were given, and the run's {@link Stats}. Immutable and thread-safe.
 *
 * <pre>{@code
 * Results<Long> results = Concurrency.run(tasks, Strategy.VIRTUAL_THREAD);
 * List<Long> values = results.values();      // throws if any task did not succeed
 * System.out.println(results.stats());
 * }</pre>
 *
 * @param <T> the tasks' result type
 */
public final class Results<T> {

    private final List<TaskInfo> tasks;
    private final List<Outcome<T>> outcomes;
    private final Stats stats;
    /** What a simulated run did; {@code null} for a real one. */
    private final Trace trace;

    /**
     * Makes results from a run's parts; both lists are copied. Runs make their
     * own results: this is for engines, tests and tools that rebuild them.
     *
     * @param tasks    the tasks, in input order
     * @param outcomes their outcomes, in the same order
     * @param stats    the run's figures
     * @throws IllegalArgumentException if there is not one outcome per task
     * @throws NullPointerException if an argument or a task is null
     */
    public Results(List<TaskInfo> tasks, List<Outcome<T>> outcomes, Stats stats) {
        this(tasks, outcomes, stats, null);
    }

    /**
     * Makes the results of a {@linkplain LoopOptions#simulated(long) simulated} run.
     *
     * @param tasks    the tasks, in input order
     * @param outcomes their outcomes, in the same order
     * @param stats    the run's figures
     * @param trace    what it did, step by step; {@code null} for a run that was not simulated
     * @throws IllegalArgumentException if there is not one outcome per task
     * @throws NullPointerException if a list, the stats or a task is null
     */
    public Results(List<TaskInfo> tasks, List<Outcome<T>> outcomes, Stats stats, Trace trace) {
        if (tasks.size() != outcomes.size()) {
            throw new IllegalArgumentException("outcomes: " + outcomes.size() + " (expected: one per task, " + tasks.size() + ")");
        }
        this.tasks = List.copyOf(tasks);
        this.outcomes = Collections.unmodifiableList(new ArrayList<>(outcomes));
        this.stats = Objects.requireNonNull(stats, "stats is null");
        this.trace = trace;
    }

    /**
     * {@return what the run did, step by step, if it was {@linkplain LoopOptions#simulated(long) simulated};
     * empty otherwise}
     */
    public java.util.Optional<Trace> trace() {
        return java.util.Optional.ofNullable(trace);
    }

    /** {@return one outcome per task, in input order} */
    public List<Outcome<T>> outcomes() {
        return outcomes;
    }

    /**
     * The outcome of one task.
     *
     * @param index the task's position in the input
     * @return its outcome
     */
    public Outcome<T> outcome(int index) {
        return outcomes.get(index);
    }

    /** {@return the tasks' indices and names, in input order} */
    public List<TaskInfo> tasks() {
        return tasks;
    }

    /** {@return the number of tasks} */
    public int size() {
        return outcomes.size();
    }

    /** {@return whether every task succeeded} */
    public boolean allSucceeded() {
        return outcomes.stream().allMatch(Outcome::isSuccess);
    }

    /**
     * The tasks' values, in input order.
     *
     * @return the values (elements may be {@code null} where a task returned {@code null})
     * @throws TaskFailedException naming the first task that did not succeed
     */
    public List<T> values() {
        List<T> values = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            if (!(outcomes.get(i) instanceof Outcome.Success<T> success)) {
                throw new TaskFailedException(tasks.get(i), outcomes.get(i));
            }
            values.add(success.value());
        }
        return Collections.unmodifiableList(values);
    }

    /** {@return the run's figures} */
    public Stats stats() {
        return stats;
    }

    /** {@return how many tasks ended in each way, and the stats} */
    @Override
    public String toString() {
        int ok = 0, failed = 0, cancelled = 0, timedOut = 0;
        for (Outcome<T> o : outcomes) {
            switch (o) {
                case Outcome.Success<T> s -> ok++;
                case Outcome.Failure<T> f -> failed++;
                case Outcome.Cancelled<T> c -> cancelled++;
                case Outcome.TimedOut<T> t -> timedOut++;
            }
        }
        return "Results[" + size() + " tasks: " + ok + " succeeded, " + failed + " failed, "
                + cancelled + " cancelled, " + timedOut + " timed out; " + stats + "]";
    }
}
