package dev.concurrency;

import java.util.concurrent.CompletionStage;

/**
 * An async task with a name given by {@link AsyncTask#named(String, AsyncTask)}.
 *
 * @param name the name, shown by {@link #toString()}
 * @param task the task that runs
 * @param <T>  the task's result type
 */

record NamedAsyncTask<T>(String name, AsyncTask<T> task) implements AsyncTask<T> {

    @Override
    public CompletionStage<T> start(AsyncContext ctx) throws Exception {
        return task.start(ctx);
    }

    @Override
    public String toString() {
        return "AsyncTask[" + name + "]";
    }
}
