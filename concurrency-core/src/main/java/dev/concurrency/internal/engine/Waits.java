package dev.concurrency.internal.engine;

import java.util.concurrent.CompletableFuture;

/**
 * How a task waits for its children: the engine's context's way, wrapped by
 * the GIL decorator (when there is one) so that the lock is released meanwhile.
 * Used by the task's own thread.
 */
public interface Waits {

    /**
     * Waits until a future completes, whichever way: a cancellation point.
     *
     * @param future what to wait for
     * @throws InterruptedException if the task is cancelled meanwhile
     */
    void join(CompletableFuture<?> future) throws InterruptedException;

    /**
     * Waits until a future completes, without being stopped by cancellation, up
     * to a deadline; an interrupt that arrives meanwhile is kept for the caller.
     *
     * @param future        what to wait for
     * @param deadlineNanos a {@link System#nanoTime()} value to give up at
     * @return whether it completed
     */
    boolean joinQuietly(CompletableFuture<?> future, long deadlineNanos);
}
