package dev.concurrency;

import java.util.List;

/**
 * Child tasks of one task, run under the parent's strategy, which all end
 * before the group is left: the structured form of "start several things and
 * wait for them", as asyncio's {@code TaskGroup}, a Trio nursery or the JDK's
 * {@code StructuredTaskScope}.
 *
 * <pre>{@code
 * try (TaskGroup<String> group = ctx.group()) {
 *     Handle<String> a = group.spawn(c -> fetch(c, "a"));
 *     Handle<String> b = group.spawn(c -> fetch(c, "b"));
 *     return a.join() + b.join();
 * }
 * }</pre>
 *
 * <p>Children run where the parent's strategy runs tasks: pool threads under
 * {@link Strategy#THREAD} (the run's pool: a parent waiting for its children
 * gives its thread back for the wait), virtual threads, coroutines on the
 * parent's loop under {@link Strategy#EVENT_LOOP}, and threads inside the
 * parent's worker process under {@link Strategy#PROCESS}. They share the run's
 * {@link Gil}, reach its {@link TaskListener}, and their timings are in
 * {@link Stats#children()}.
 *
 * <p>By default the first child to fail cancels its siblings
 * ({@link #failFast(boolean)} turns that off). A cancelled parent cancels its
 * children. {@link #close()} waits for every child; if one failed and its
 * outcome was never taken (by {@link #join()} or its {@link Handle#join()}),
 * {@code close()} throws that failure, with any others added as suppressed.
 * {@link #join()}, {@link #close()} and {@link Handle#join()} are
 * cancellation points and release the GIL while they wait. A child that
 * ignores its cancellation is abandoned after a grace (750 ms), as a run
 * abandons a task, so leaving a group always ends.
 *
 * <p>Use it from the task that made it; {@link Handle#cancel()} may be called from anywhere.
 *
 * @param <V> the children's result type
 */
public interface TaskGroup<V> extends AutoCloseable {

    /**
     * Sets whether the first failure of a child cancels its siblings (the default).
     * With {@code false}, every child runs to its own end and {@link #join()} collects them all.
     *
     * @param failFast whether a failure cancels the other children
     * @return this group
     * @throws IllegalStateException if a child was already spawned
     */
    TaskGroup<V> failFast(boolean failFast);

    /**
     * Starts a child task.
     *
     * @param task the child
     * @return its handle
     * @throws IllegalStateException if the group is closed, or its parent has ended
     */
    Handle<V> spawn(Task<V> task);

    /**
     * Waits until every child spawned so far has ended and returns their
     * outcomes in spawn order. Their failures count as taken: {@link #close()}
     * does not throw them.
     *
     * @return one outcome per child, in the order they were spawned
     * @throws InterruptedException if the parent is cancelled or times out meanwhile; its children are then cancelled
     */
    List<Outcome<V>> join() throws InterruptedException;

    /**
     * Waits for every child and closes the group; with a cancelled parent, cancels the children first.
     *
     * @throws Exception the failure of a child whose outcome nobody took (others suppressed), or
     *                   an {@link InterruptedException} if the parent was cancelled
     */
    @Override
    void close() throws Exception;
}
