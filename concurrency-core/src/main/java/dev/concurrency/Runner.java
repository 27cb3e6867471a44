package dev.concurrency;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A long-lived strategy: its threads (or loops, or processes) are kept between
 * tasks until it is closed. Open one with {@link Concurrency#open(RunOptions)}.
 *
 * <pre>{@code
 * try (Runner runner = Concurrency.open(Strategy.THREAD)) {
 *     CompletableFuture<Long> f = runner.submit(task);
 *     Results<Long> r = runner.run(moreTasks);
 * }
 * }</pre>
 *
 * <p>This interface is thread-safe: tasks may be submitted from any thread.
 */
public interface Runner extends AutoCloseable {

    /**
     * Starts one task.
     *
     * @param task the task
     * @param <T>  its result type
     * @return completes when the task has ended: with its value, exceptionally
     *         with what it threw, with a {@link java.util.concurrent.TimeoutException}
     *         naming it if it timed out, or cancelled. Cancelling the future
     *         cancels the task (interrupting it if it runs). Only the task's end
     *         completes it: {@code complete}, {@code completeExceptionally},
     *         {@code obtrude*}, {@code completeOnTimeout} and {@code orTimeout}
     *         throw {@link UnsupportedOperationException} (use {@code copy()} for a
     *         future of your own).
     * @throws NullPointerException  if {@code task} is null
     * @throws IllegalStateException if this runner is closed
     */
    <T> CompletableFuture<T> submit(Task<T> task);

    /**
     * Runs tasks and returns when every one of them has ended. If the calling
     * thread is interrupted meanwhile, the tasks not yet ended are cancelled,
     * waited for, and reported {@link Outcome.Cancelled}; the thread's
     * interrupt status stays set.
     *
     * @param tasks the tasks
     * @param <T>   their result type
     * @return one outcome per task, in input order
     * @throws NullPointerException  naming the first null element ({@code tasks[3] is null})
     * @throws IllegalStateException if this runner is closed
     */
    <T> Results<T> run(List<? extends Task<T>> tasks);

    /** {@return the options this runner was opened with} */
    RunOptions options();

    /**
     * Stops accepting tasks, waits for those accepted to end, and releases
     * every thread of this runner. Closing again does nothing.
     *
     * @throws IllegalStateException if called from one of this runner's own tasks (or their
     *                               callbacks), which it would wait for forever
     */
    @Override
    void close();
}
