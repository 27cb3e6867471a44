package dev.concurrency.testkit;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Outcome;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Random task mixes for property tests, and the tasks they stand for
 * ({@link java.io.Serializable}, so that a strategy running tasks in worker
 * processes can ship them): in
 * direct style ({@link #toTasks}), which every strategy but
 * {@link Strategy#CALLBACK} runs, and in callback style
 * ({@link #toAsyncTasks}), which every strategy runs. Both forms of a spec
 * end the same way.
 *
 * <pre>{@code
 * @Provide Arbitrary<List<TaskSpec>> mixes() { return TaskSpecs.mixes(12); }
 * }</pre>
 *
 * This class holds no state, and so is thread-safe; the tasks it makes hold
 * only their spec (and probe), and may run concurrently.
 */

public final class TaskSpecs {

    private TaskSpecs() {
    }

    /** {@return one spec: mostly computing and sleeping, sometimes failing, rarely hanging} */
    public static Arbitrary<TaskSpec> specs() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 22).map(TaskSpec.Compute::new)),
                Tuple.of(6, Arbitraries.longs().between(0, 20).map(TaskSpec.Sleep::new)),
                Tuple.of(3, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(TaskSpec.Fail::new)),
                Tuple.of(1, Arbitraries.just(new TaskSpec.Hang())));
    }

    /**
     * Lists of {@link #specs()}, for a property that runs a mix of tasks.
     *
     * @param maxSize the most tasks in a mix
     * @return mixes of 0 to {@code maxSize} specs
     */
    public static Arbitrary<List<TaskSpec>> mixes(int maxSize) {
        return specs().list().ofMaxSize(maxSize);
    }

    /**
     * Direct-style tasks, one per spec, each doing {@link TaskSpec#perform}.
     *
     * @param mix specs
     * @return a task per spec, named after it
     */
    public static List<Task<Long>> toTasks(List<TaskSpec> mix) {
        List<Task<Long>> tasks = new ArrayList<>(mix.size());
        for (TaskSpec spec : mix) {
            tasks.add(new SpecTask(spec));
        }
        return tasks;
    }

    /**
     * Direct-style tasks that report to a probe (see {@link Probe#watch}): task
     * {@code i} is the probe's task {@code i}.
     *
     * @param mix   specs
     * @param probe watches each task run
     * @return a task per spec, named after it, reporting to {@code probe}
     * @throws IndexOutOfBoundsException if the probe watches fewer tasks than {@code mix} holds
     */
    public static List<Task<Long>> toTasks(List<TaskSpec> mix, Probe probe) {
        List<Task<Long>> tasks = new ArrayList<>(mix.size());
        for (int i = 0; i < mix.size(); i++) {
            tasks.add(probe.watch(i, new SpecTask(mix.get(i))));
        }
        return tasks;
    }

    /**
     * Callback-style tasks, one per spec, each doing {@link TaskSpec#performAsync}.
     *
     * @param mix specs
     * @return an {@link AsyncTask} per spec, named after it, doing {@link TaskSpec#performAsync}
     */
    public static List<AsyncTask<Long>> toAsyncTasks(List<TaskSpec> mix) {
        List<AsyncTask<Long>> tasks = new ArrayList<>(mix.size());
        for (TaskSpec spec : mix) {
            tasks.add(new AsyncSpecTask(spec));
        }
        return tasks;
    }

    /**
     * Async tasks that report to a probe (see {@link Probe#watchAsync}): each
     * enters as it starts, and exits once, however it ends.
     *
     * @param mix   specs
     * @param probe watches each task run
     * @return an {@link AsyncTask} per spec, named after it, reporting to {@code probe}
     */
    public static List<AsyncTask<Long>> toAsyncTasks(List<TaskSpec> mix, Probe probe) {
        List<AsyncTask<Long>> tasks = new ArrayList<>(mix.size());
        for (int i = 0; i < mix.size(); i++) {
            tasks.add(probe.watchAsync(i, new AsyncSpecTask(mix.get(i))));
        }
        return tasks;
    }

    /**
     * The form of the tasks a strategy is meant for: {@link #toAsyncTasks} for
     * {@link Strategy#CALLBACK}, which runs only async tasks, {@link #toTasks}
     * for every other strategy.
     *
     * @param strategy the strategy that will run them
     * @param mix      specs
     * @param probe    watches each task run
     * @return a task per spec, named after it, reporting to {@code probe}
     */
    public static List<Task<Long>> toTasksFor(Strategy strategy, List<TaskSpec> mix, Probe probe) {
        return strategy == Strategy.CALLBACK ? List.copyOf(toAsyncTasks(mix, probe)) : toTasks(mix, probe);
    }

    /**
     * What a run of the mix must produce, whatever the strategy: each spec's
     * {@link TaskSpec#expected} outcome, in order.
     *
     * @param mix         specs
     * @param taskTimeout the run's per-task timeout
     * @return the outcome each must end with
     */
    public static List<Outcome<Long>> expected(List<TaskSpec> mix, Duration taskTimeout) {
        return mix.stream().map(spec -> spec.expected(taskTimeout)).toList();
    }

    /**
     * A spec as a direct-style task.
     *
     * @param spec what the task does, and its name
     */
    private record SpecTask(TaskSpec spec) implements Task<Long> {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long run(TaskContext ctx) throws Exception {
            return spec.perform(ctx);
        }

        @Override
        public String name() {
            return spec.toString();
        }
    }

    /**
     * A spec as a callback-style task.
     *
     * @param spec what the task does, and its name
     */
    private record AsyncSpecTask(TaskSpec spec) implements AsyncTask<Long> {


        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public CompletionStage<Long> start(AsyncContext ctx) {
            return spec.performAsync(ctx);
        }

        @Override
        public String name() {
            return spec.toString();
        }
    }
}
