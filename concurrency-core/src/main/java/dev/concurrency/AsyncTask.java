package dev.concurrency;

import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A task written in callback style, as a Twisted or Tornado program is: it
 * starts its work and returns a {@link CompletionStage} of its result, and
 * every wait is a stage from its {@link AsyncContext}. It is the only kind of
 * task {@link Strategy#CALLBACK} runs, where every callback runs on the loop
 * thread, so callbacks need no locks.
 *
 * <p>An {@code AsyncTask} runs under every other strategy too, with the same
 * semantics: its callbacks run one at a time, on one thread at a time, reads
 * and timers included. Under {@link Strategy#EVENT_LOOP} they run on the loop,
 * as under CALLBACK; under the thread and process strategies the task's own
 * thread runs them, driving a selector of its own, so a read may be pending
 * while the task writes, and no other thread is started for it. A second read
 * (or write) on a connection while one is pending fails at once with an
 * {@link IllegalStateException}. When the task's stage completes, its pending
 * timers and reads are disarmed.
 *
 * <pre>{@code
 * AsyncTask<String> echo = ctx -> ctx.connect(address)
 *         .thenCompose(c -> c.write("ping\n").thenCompose(v -> c.readLine()));
 * }</pre>
 *
 * <p>An implementation need not be thread-safe: each run of it calls {@code start} once and
 * its callbacks one at a time.
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
     * callback-driven: {@code ctx.call(this)}, which starts it, runs its
     * callbacks one at a time and waits for its stage. A failed stage fails the
     * task with the stage's own exception.
     */
    @Override
    default T run(TaskContext ctx) throws Exception {
        return ctx.call(this);
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
