package dev.concurrency;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@link TaskGroup} in callback form, for {@link AsyncTask}s: children are
 * async tasks on the parent's loop, and {@link #join()} and {@link #close()}
 * return stages. The first failure cancels the siblings unless
 * {@link #failFast(boolean) failFast(false)}; a cancelled parent cancels its
 * children; a child's failure nobody took fails {@link #close()}'s stage.
 *
 * <pre>{@code
 * AsyncTaskGroup<String> group = ctx.group();
 * AsyncHandle<String> a = group.spawn(c -> fetch(c, "a"));
 * return a.join().thenCompose(value -> group.close().thenApply(v -> value));
 * }</pre>
 *
 * <p>Use it from the task's own callbacks; {@link AsyncHandle#cancel()} from anywhere.
 *
 * @param <V> the children's result type
 */
public interface AsyncTaskGroup<V> {

    /**
     * Sets whether the first failure of a child cancels its siblings (the default).
     *
     * @param failFast whether a failure cancels the other children
     * @return this group
     * @throws IllegalStateException if a child was already spawned
     */
    AsyncTaskGroup<V> failFast(boolean failFast);

    /**
     * Starts a child task on the parent's loop.
     *
     * @param task the child
     * @return its handle
     * @throws IllegalStateException if the group is closed, or its parent has ended
     */
    AsyncHandle<V> spawn(AsyncTask<V> task);

    /**
     * Completes when every child spawned so far has ended, with their outcomes in spawn order.
     *
     * @return the outcomes; fails with an {@link InterruptedException} if the parent is cancelled
     */
    CompletionStage<List<Outcome<V>>> join();

    /**
     * Closes the group once every child has ended (cancelling them first if the parent is cancelled).
     *
     * @return completes then; fails with the failure of a child whose outcome nobody took (others suppressed)
     */
    CompletionStage<Void> close();
}
