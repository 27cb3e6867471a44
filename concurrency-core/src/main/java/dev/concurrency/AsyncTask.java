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
 * outcome. Under {@link Strategy#EVENT_LOOP} it runs as under CALLBACK, its
 * stages completing on the loop. Under {@link Strategy#THREAD} and
 * {@link Strategy#VIRTUAL_THREAD}, {@link #run(TaskContext)} starts it with a
 * context whose operations wait in place, the thread's way, when they are
 * called (reads on a thread of their own, so a read may be pending while the
 * task writes), and waits for its result. With a {@link Gil} there, reads
 * too wait in place: a task that starts a read and only then the write that
 * answers it waits until its timeout; sequence such operations to run the
 * same everywhere.
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
        dev.concurrency.internal.DirectAsyncContext async = dev.concurrency.internal.DirectAsyncContext.over(ctx);
        try {
            return ctx.await(start(async));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) throw exception;
            if (cause instanceof Error error) throw error;
            throw e;
        } finally {
            if (ctx.isCancelled()) {
                async.cancel(); // as under CALLBACK: the task's pending stages fail with InterruptedException
            }
            async.close();
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
