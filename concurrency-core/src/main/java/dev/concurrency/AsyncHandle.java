package dev.concurrency;

import java.util.concurrent.CompletionStage;

/**
 * One child of an {@link AsyncTaskGroup}. Thread-safe.
 *
 * @param <V> the child's result type
 */
public interface AsyncHandle<V> {

    /** {@return the child's index and name} */
    TaskInfo task();

    /**
     * The child's result.
     *
     * @return completes with the child's value, or fails with what it threw
     *         (a {@link java.util.concurrent.CancellationException} if it was cancelled)
     */
    CompletionStage<V> join();

    /** Cancels the child; does nothing once it has ended. */
    void cancel();

    /** {@return whether the child has ended} */
    boolean isDone();
}
