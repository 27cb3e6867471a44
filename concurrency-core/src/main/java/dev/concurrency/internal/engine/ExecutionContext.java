package dev.concurrency.internal.engine;

import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.gil.GilHolder;
import java.time.Duration;
import java.util.Objects;

/**
 * The part of a {@link TaskContext} every engine shares: which task it serves,
 * whether that task is cancelled, argument checks, and the resources (such as
 * connections) to release when the task ends. Accessed only by the thread
 * running the task.
 */
public abstract class ExecutionContext implements TaskContext {

    private final Execution<?> execution;
    private final Resources resources = new Resources();

    protected ExecutionContext(Execution<?> execution) {
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

    /** Releases the task's interpreter lock, if the run has one, before a wait. */
    protected final void releaseGil() {
        GilHolder gil = execution.gil();
        if (gil != null) {
            gil.release();
        }
    }

    /** Takes the task's interpreter lock back, if the run has one, after a wait. */
    protected final void acquireGil() {
        GilHolder gil = execution.gil();
        if (gil != null) {
            gil.acquire();
        }
    }

    /** The interpreter lock's switch point, if the run has one. */
    protected final void gilCheckpoint() {
        GilHolder gil = execution.gil();
        if (gil != null) {
            gil.checkpoint();
        }
    }

    /** @return whether the task's run has an emulated interpreter lock */
    public final boolean hasGil() {
        return execution.gil() != null;
    }

    /** @return the execution this context serves */
    protected final Execution<?> execution() {
        return execution;
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

    /** Closes what the task left open. Called by {@link Execution#run} once the task's code has returned. */
    final void releaseResources() {
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
