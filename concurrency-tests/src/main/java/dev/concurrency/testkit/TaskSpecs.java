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

/**
 * The tasks that task specs stand for
 * ({@link java.io.Serializable}, so that a strategy running tasks in worker
 * processes can ship them): in
 * direct style ({@link #toTasks}), which every strategy but
 * {@link Strategy#CALLBACK} runs, and in callback style
 * ({@link #toAsyncTasks}), which every strategy runs. Both forms of a spec
 * end the same way. Random mixes of specs for jqwik come from
 * {@link JqwikArbitraries#mixes}.
 *
 * <pre>{@code
 * Equivalence.assertSameOutcomesUnderEveryStrategy(TaskSpecs.toTasks(mix), TaskSpecs.toAsyncTasks(mix), options);
 * }</pre>
 *
 * This class is stateless and thread-safe.
 */
public final class TaskSpecs {

    private TaskSpecs() {
    }

    /**
     * {@return a task per spec, named after it}
     *
     * @param mix specs
     */
    public static List<Task<Long>> toTasks(List<TaskSpec> mix) {
        List<Task<Long>> tasks = new ArrayList<>(mix.size());
        for (TaskSpec spec : mix) {
            tasks.add(new SpecTask(spec));
        }
        return tasks;
    }

    /**
     * {@return a task per spec, named after it, reporting to {@code probe}}
     *
     * @param mix   specs
     * @param probe watches each task run
     */
    public static List<Task<Long>> toTasks(List<TaskSpec> mix, Probe probe) {
        List<Task<Long>> tasks = new ArrayList<>(mix.size());
        for (int i = 0; i < mix.size(); i++) {
            tasks.add(probe.watch(i, new SpecTask(mix.get(i))));
        }
        return tasks;
    }

    /**
     * {@return an {@link AsyncTask} per spec, named after it, doing {@link TaskSpec#performAsync}}
     *
     * @param mix specs
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
     * {@return the outcome each must end with}
     *
     * @param mix         specs
     * @param taskTimeout the run's per-task timeout
     */
    public static List<Outcome<Long>> expected(List<TaskSpec> mix, Duration taskTimeout) {
        return mix.stream().map(spec -> spec.expected(taskTimeout)).toList();
    }

    /**
     * A spec as a direct-style task.
     *
     * @param spec the spec it runs
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
     * @param spec the spec it runs
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
