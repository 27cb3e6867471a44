package dev.concurrency.spi;

import dev.concurrency.AsyncContext;
import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import java.util.concurrent.CompletionStage;

/**
 * One task as its {@link Engine} sees it. Its outcome is decided once, by
 * whoever comes first: the task itself, or a cancellation or timeout of the
 * library, which calls the interrupter the engine gave.
 *
 * <p>An engine runs it in one of two ways:
 * <ul>
 *   <li><b>in place</b>: {@link #run(TaskContext)} on a thread of the engine runs the
 *       task's code there and ends it; cancellation interrupts that thread;</li>
 *   <li><b>begun and finished</b>: {@link #begin(Runnable)} marks it running (the
 *       task's code runs elsewhere: on a loop, in another process), and
 *       {@link #finish} ends it with what came back.</li>
 * </ul>
 * An engine that cannot start it calls {@link #failToStart}. Thread-safe.
 *
 * @param <T> the task's result type
 */
public interface TaskExecution<T> {

    /** {@return the task} */
    Task<T> task();

    /** {@return the task's index and name, for errors and logs} */
    TaskInfo info();

    /**
     * Runs the task's code on the calling thread with the given context, unless
     * the execution was ended first, and ends the execution. The run's GIL, if
     * any, is applied here. Connections the context tracks are closed before the
     * task counts as ended.
     *
     * @param context how the task waits: the engine's context, not yet decorated
     */
    void run(TaskContext context);

    /**
     * Marks a task whose code runs elsewhere as running.
     *
     * @param interrupter stops the task when it is cancelled; called at most once, under a lock, must not block
     * @return {@code false} if the execution has ended already and must not run
     */
    boolean begin(Runnable interrupter);

    /**
     * For a {@link #begin begun} {@link dev.concurrency.AsyncTask}: calls its
     * {@code start} with the given context, the run's GIL applied (held while
     * {@code start} and each callback of the task runs).
     *
     * @param context the engine's callback context
     * @return the task's stage
     * @throws Exception what {@code start} threw
     * @throws ClassCastException if the task is not an {@code AsyncTask}
     */
    CompletionStage<T> startAsync(AsyncContext context) throws Exception;

    /**
     * Ends a {@link #begin begun} execution, unless it has ended already.
     *
     * @param outcome the task's own outcome; ignored if a cancellation decided first
     */
    void finish(Outcome<T> outcome);

    /**
     * Ends a running execution whose code can never return by itself (the loop
     * or thread it runs on is gone): its outcome is {@code error} unless already
     * decided, and it counts as ended now; if its code ever returns, that is ignored.
     *
     * @param error why
     * @return whether this call ended it ({@code false} if it was not running)
     */
    boolean abandon(Throwable error);

    /**
     * Ends an execution that never started as a failure (the engine had no thread or process for it).
     *
     * @param error why
     * @return whether this call decided the outcome
     */
    boolean failToStart(Throwable error);

    /** {@return whether the outcome is decided as a cancellation or timeout} */
    boolean isCancelled();

    /**
     * Records what the interpreter lock of the process that ran the task did, for a task run outside this JVM.
     *
     * @param stats the figures
     */
    void reportGil(GilStats stats);
}
