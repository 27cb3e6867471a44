package dev.concurrency.internal.engine;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.GilStats;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import java.util.concurrent.CompletionStage;

/**
 * What a run wraps around one task's code, whatever the strategy: nothing, or
 * the run's emulated interpreter lock (see {@code internal.gil.GilDecorator}).
 * Engines never see it: {@link Execution} applies it where the task's code is
 * entered. Used by whatever runs the task at a time.
 */
public interface Decoration {

    /** No decoration: the task's code is called as it is. */
    Decoration NONE = new Decoration() {
        @Override
        public <T> T call(Task<T> task, TaskContext context) throws Exception {
            return task.run(context);
        }

        @Override
        public <T> CompletionStage<T> start(AsyncTask<T> task, AsyncContext context) throws Exception {
            return task.start(context);
        }

        @Override
        public GilStats stats() {
            return GilStats.NONE;
        }

        @Override
        public Decoration sibling() {
            return this;
        }
    };

    /**
     * Runs direct-style code on the calling thread.
     *
     * @param task    the task
     * @param context the engine's context
     * @param <T>     the result type
     * @return what the task returned
     * @throws Exception what it threw
     */
    <T> T call(Task<T> task, TaskContext context) throws Exception;

    /**
     * Starts callback-style code on the calling thread.
     *
     * @param task    the task
     * @param context the engine's callback context
     * @param <T>     the result type
     * @return the task's stage
     * @throws Exception what {@code start} threw
     */
    <T> CompletionStage<T> start(AsyncTask<T> task, AsyncContext context) throws Exception;

    /** @return what the interpreter lock did for this task so far; {@link GilStats#NONE} without one */
    GilStats stats();

    /** @return the decoration of another task under the same lock (a child this task spawns) */
    Decoration sibling();
}
