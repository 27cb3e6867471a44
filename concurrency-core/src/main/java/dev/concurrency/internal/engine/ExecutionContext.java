package dev.concurrency.internal.engine;

import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.spi.TaskExecution;
import java.time.Duration;
import java.util.Objects;

/**
 * The part of a {@link TaskContext} every way of waiting shares: which task
 * it serves, whether that task is cancelled, argument checks, and the
 * resources (such as connections) to release when the task ends. The GIL is
 * not here: it decorates the context from outside. Accessed only by the
 * thread running the task.
 */
public abstract class ExecutionContext implements TaskContext {

    private final TaskExecution<?> execution;
    private final Resources resources = new Resources();
    /** Set once the task's code has returned; read by whichever thread uses the context. */
    private volatile boolean ended;

    protected ExecutionContext(TaskExecution<?> execution) {
        this.execution = execution;
    }

    @Override
    public final TaskInfo task() {
        return execution.info();
    }

    @Override
    public final boolean isCancelled() {
        return execution.isCancelled();
    }

    /**
     * Whether {@link #checkpoint()} may suspend the task to let others run (as
     * on a loop), rather than only check for cancellation; a GIL is released
     * around a checkpoint that suspends.
     *
     * @return {@code false} unless a subclass suspends there
     */
    public boolean checkpointSuspends() {
        return false;
    }

    /**
     * Keeps a resource to close when the task ends, if the task has not closed it.
     *
     * @param resource the resource
     * @param <R>      its type
     * @return {@code resource}
     */
    protected final <R extends AutoCloseable> R track(R resource) {
        return resources.track(resource);
    }

    /**
     * Fails an operation called after the task ended (a context kept by a
     * thread or a callback that outlived the task): nothing would close what it opened.
     *
     * @throws IllegalStateException if the task has ended
     */
    protected final void checkOpen() {
        if (ended) {
            throw new IllegalStateException(task() + " has ended; its context cannot be used any more "
                    + "(a thread or callback kept it past the task's end)");
        }
    }

    /** Closes what the task left open. Called by {@link Execution#run} once the task's code has returned. */
    public final void releaseResources() {
        ended = true;
        resources.close();
    }

    /**
     * Checks a wait's duration.
     *
     * @param duration the duration given by the task
     * @return it, if not negative
     */
    protected static Duration checkDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
        return duration;
    }
}
