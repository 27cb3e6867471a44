package dev.concurrency.internal;

import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.Providers;
import dev.concurrency.internal.engine.Execution;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/** The {@link Runner} of every strategy: a {@link TaskScheduler} over the strategy's engine. */
public final class DefaultRunner implements Runner {

    private final TaskScheduler scheduler;

    /**
     * @param options how to run tasks
     * @throws IllegalArgumentException if an attached setting does not apply to the strategy
     */
    public DefaultRunner(RunOptions options) {
        this.scheduler = new TaskScheduler(options);
    }

    /**
     * Checks a task list before anything runs.
     *
     * @param tasks the list
     * @throws NullPointerException naming the list or its first null element
     */
    public static void checkTasks(List<? extends Task<?>> tasks) {
        Objects.requireNonNull(tasks, "tasks is null");
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i) == null) {
                throw new NullPointerException("tasks[" + i + "] is null");
            }
        }
    }

    @Override
    public <T> CompletableFuture<T> submit(Task<T> task) {
        Objects.requireNonNull(task, "task is null");
        TaskInfo info = new TaskInfo(TaskInfo.SUBMITTED, task.name());
        scheduler.provider().checkTask(task, info);
        TaskFuture<T> future = new TaskFuture<>(info);
        Execution<T> execution = scheduler.prepare(task, info, e -> future.settle(e.outcome()));
        future.onCancel(() -> TaskScheduler.cancel(execution));
        try {
            scheduler.submit(List.of(execution));
        } catch (RejectedExecutionException e) {
            throw closed();
        }
        return future;
    }

    @Override
    public <T> Results<T> run(List<? extends Task<T>> tasks) {
        checkTasks(tasks);
        Providers.checkTasks(scheduler.provider(), tasks);
        return runChecked(tasks);
    }

    /**
     * {@link #run} of tasks already checked ({@link #checkTasks} and the strategy's own check).
     *
     * @param tasks the tasks, checked
     * @param <T>   their result type
     * @return one outcome per task, in input order
     */
    public <T> Results<T> runChecked(List<? extends Task<T>> tasks) {
        if (scheduler.isShutdown()) {
            throw closed();
        }
        try {
            return new Batch<>(scheduler, tasks).run();
        } catch (RejectedExecutionException e) {
            throw closed();
        }
    }

    @Override
    public RunOptions options() {
        return scheduler.options();
    }

    @Override
    public void close() {
        if (scheduler.calledFromOwnThread()) {
            throw new IllegalStateException("this " + scheduler.options().strategy() + " runner's close() was called "
                    + "from one of its own tasks, and would wait for that task forever: close it from outside its tasks");
        }
        scheduler.close();
    }

    private IllegalStateException closed() {
        return new IllegalStateException("this " + scheduler.options().strategy()
                + " runner is closed; open a new one with Concurrency.open(...)");
    }

    @Override
    public String toString() {
        return "Runner[" + scheduler.options() + (scheduler.isShutdown() ? ", closed]" : "]");
    }
}
