package dev.concurrency;

import dev.concurrency.internal.DefaultRunner;
import dev.concurrency.internal.RunnerExecutorService;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * The entry point: run tasks under a {@link Strategy}.
 *
 * <pre>{@code
 * List<Task<String>> tasks = ...;
 * Results<String> results = Concurrency.run(tasks, Strategy.VIRTUAL_THREAD);
 * }</pre>
 *
 * <p>{@code run} is structured: it returns only when every task has ended, and
 * leaves no thread of its own behind. All methods are thread-safe.
 */
public final class Concurrency {

    private Concurrency() {
    }

    /**
     * Runs tasks under a strategy with its default limits.
     *
     * @param tasks    the tasks
     * @param strategy how to run them
     * @param <T>      their result type
     * @return one outcome per task, in input order
     * @throws NullPointerException naming the first null element ({@code tasks[3] is null})
     * @see Runner#run(List)
     */
    public static <T> Results<T> run(List<? extends Task<T>> tasks, Strategy strategy) {
        return run(tasks, RunOptions.of(strategy));
    }

    /**
     * Runs tasks with the given options. Returns when every task has ended; the
     * threads used are gone by then.
     *
     * @param tasks   the tasks
     * @param options how to run them
     * @param <T>     their result type
     * @return one outcome per task, in input order
     * @throws NullPointerException naming the first null element ({@code tasks[3] is null})
     * @see Runner#run(List)
     */
    public static <T> Results<T> run(List<? extends Task<T>> tasks, RunOptions options) {
        Objects.requireNonNull(options, "options is null");
        DefaultRunner.checkTasks(tasks);
        dev.concurrency.internal.engine.Engines.checkRunnable(options.strategy(), tasks);
        try (Runner runner = open(options)) {
            return runner.run(tasks);
        }
    }

    /**
     * Opens a long-lived runner; close it to release its threads.
     *
     * @param strategy how to run tasks
     * @return the runner
     */
    public static Runner open(Strategy strategy) {
        return open(RunOptions.of(strategy));
    }

    /**
     * Opens a long-lived runner; close it to release its threads.
     *
     * @param options how to run tasks
     * @return the runner
     */
    public static Runner open(RunOptions options) {
        Objects.requireNonNull(options, "options is null");
        return new DefaultRunner(options);
    }

    /**
     * An {@link ExecutorService} that runs each submitted task under a strategy.
     * It owns its threads: shutting it down and awaiting termination (or
     * {@code close()}) releases all of them.
     *
     * @param strategy how to run tasks
     * @return the executor
     */
    public static ExecutorService executor(Strategy strategy) {
        return executor(RunOptions.of(strategy));
    }

    /**
     * An {@link ExecutorService} that runs each submitted task with the given
     * options ({@code maxConcurrency}, {@code taskTimeout}, listener; a
     * deadline and {@code failFast} apply to runs, so the executor ignores them).
     * Every strategy but {@link Strategy#CALLBACK}, which runs only {@link AsyncTask}s,
     * and {@link Strategy#PROCESS}, where a {@code Runnable}'s effects would stay in
     * the worker process (open a {@link Runner} and submit {@link Task}s instead).
     *
     * @param options how to run tasks
     * @return the executor
     */
    public static ExecutorService executor(RunOptions options) {
        Objects.requireNonNull(options, "options is null");
        if (options.strategy() == Strategy.CALLBACK) {
            throw new IllegalArgumentException("CALLBACK runs AsyncTasks, and an ExecutorService runs Runnables and "
                    + "Callables: use Concurrency.open(Strategy.CALLBACK) and submit AsyncTasks, or EVENT_LOOP here");
        }
        if (options.strategy() == Strategy.PROCESS) {
            throw new IllegalArgumentException("PROCESS runs tasks in other JVMs, where a Runnable's effects and a "
                    + "Future's result would stay: use Concurrency.open(Strategy.PROCESS) and submit Tasks, "
                    + "whose results come back");
        }
        return new RunnerExecutorService(options);
    }
}
