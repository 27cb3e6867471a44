package dev.concurrency;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A task written in callback style, as a Twisted or Tornado program is: it
 * starts its work and returns a {@link CompletionStage} of its result, and
 * every wait is a stage from its {@link AsyncContext}. It is the only kind of
 * task {@link Strategy#CALLBACK} runs, where every callback runs on the loop
 * thread, so callbacks need no locks.
 *
 * <p>An {@code AsyncTask} runs under every other strategy too, with the same
 * outcome: there {@link #run(TaskContext)} starts it with a context whose
 * stages complete as the strategy's waits do, and waits for its result.
 *
 * <pre>{@code
 * AsyncTask<String> echo = ctx -> ctx.connect(address)
 *         .thenCompose(c -> c.write("ping\n").thenCompose(v -> c.readLine()));
 * }</pre>
 *
 * @param <T> the type of the task's result
 */
@FunctionalInterface
public interface AsyncTask<T> extends Task<T> {

    /**
     * Starts the task.
     *
     * @param ctx the operations this task may wait on, as stages
     * @return completes with the task's result, or exceptionally with its failure
     * @throws Exception a failure before any stage exists; it becomes the task's failure
     */
    CompletionStage<T> start(AsyncContext ctx) throws Exception;

    /**
     * Runs the task in direct style, for the strategies that are not
     * callback-driven: starts it and waits for its stage. A failed stage
     * fails the task with the stage's own exception.
     */
    @Override
    default T run(TaskContext ctx) throws Exception {
        CompletionStage<T> stage = start(dev.concurrency.internal.DirectAsyncContext.over(ctx));
        try {
            return ctx.await(stage);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) throw exception;
            if (cause instanceof Error error) throw error;
            throw e;
        }
    }

    /**
     * Gives an async task a name.
     *
     * @param name the name shown in errors, logs and events
     * @param task the task to run
     * @param <T>  the type of the task's result
     * @return an async task that runs {@code task} and reports {@code name}
     */
    static <T> AsyncTask<T> named(String name, AsyncTask<T> task) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(task, "task is null");
        return new NamedAsyncTask<>(name, task);
    }
}
