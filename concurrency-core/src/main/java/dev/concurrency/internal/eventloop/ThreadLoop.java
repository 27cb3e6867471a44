package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncTask;
import dev.concurrency.TaskInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Runs an {@link AsyncTask} on the calling thread, as a loop would: the thread
 * drives a selector loop of its own until the task's stage completes, so its
 * callbacks (reads and timers included) run one at a time on this thread and
 * no other thread is started. Blocking work runs in place, as under the thread
 * strategies. Used by the thread and process strategies' contexts.
 */
public final class ThreadLoop {

    /** Blocking work of a task on its own thread runs in place. */
    private static final java.util.concurrent.Executor IN_PLACE = Runnable::run;

    private ThreadLoop() {
    }

    /**
     * @param task the async task
     * @param info the task it runs for, for errors and names
     * @param cancelled whether that task has been cancelled (an interrupt wakes the loop to ask)
     * @param <V>  its result type
     * @return the value its stage completed with
     * @throws InterruptedException if the thread is interrupted (the task cancelled) first
     * @throws Exception            what its stage failed with, or {@code start} threw, as it is
     */
    public static <V> V call(AsyncTask<V> task, TaskInfo info, java.util.function.BooleanSupplier cancelled)
            throws Exception {
        EventLoop loop = EventLoop.driven(Thread.currentThread().getName() + "-async");
        CallbackContext context = new CallbackContext(info, loop, IN_PLACE);
        try {
            CompletableFuture<V> result = new CompletableFuture<>();
            AsyncRun.start(task, info, context).whenComplete((value, error) -> {
                if (loop.inLoop()) {
                    complete(result, value, error);
                } else {
                    loop.execute(() -> complete(result, value, error));
                }
            });
            if (!loop.runUntil(result::isDone, cancelled)) {
                context.cancel();
                throw new InterruptedException(info + " was cancelled");
            }
            return value(result);
        } finally {
            context.release();
            loop.closeDriven();
        }
    }

    private static <V> void complete(CompletableFuture<V> result, V value, Throwable error) {
        if (error == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(LoopOps.unwrap(error));
        }
    }

    /** @return the completed future's value, or its failure thrown as it is */
    static <V> V value(CompletionStage<V> done) throws Exception {
        try {
            return done.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) throw exception;
            if (cause instanceof Error error) throw error;
            throw new ExecutionException(cause);
        }
    }
}
