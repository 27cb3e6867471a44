package dev.concurrency.testkit;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.TaskContext;
import java.io.Serial;
import java.util.concurrent.CompletionStage;

/**
 * What {@link Probe#watchAsync} makes: an async task that enters its probe as
 * it starts and exits once, however it ends: when its stage completes (with a
 * value, a failure, or the {@link InterruptedException} of a cancelled task),
 * or, under a direct-style strategy, when its {@code run} returns, where a
 * stage it waited on may never complete.
 *
 * @param probe the probe it reports to
 * @param index its position among the probe's tasks
 * @param task  the task that runs, whose name it takes
 * @param <T>   the task's result type
 */

record WatchedAsyncTask<T>(Probe probe, int index, AsyncTask<T> task) implements AsyncTask<T> {

    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public CompletionStage<T> start(AsyncContext ctx) throws Exception {
        probe.enter(index);
        try {
            return task.start(ctx).whenComplete((value, error) -> probe.exit(index));
        } catch (Exception | Error e) {
            probe.exit(index);
            throw e;
        }
    }

    @Override
    public T run(TaskContext ctx) throws Exception {
        try {
            return AsyncTask.super.run(ctx);
        } finally {
            probe.exit(index); // only the first exit counts
        }
    }

    @Override
    public String name() {
        return task.name();
    }
}
