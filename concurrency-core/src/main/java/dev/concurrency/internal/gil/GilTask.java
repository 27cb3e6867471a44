package dev.concurrency.internal.gil;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.GilStats;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.internal.engine.Decoration;
import java.util.concurrent.CompletionStage;

/**
 * One task's {@link Decoration} under a GIL: its hold on the lock, taken while
 * its code (or one of its callbacks) runs and released around every wait. Used
 * by whatever runs the task at a time; {@link #heldByCurrentThread()} tells a
 * callback on another thread that it does not hold the lock.
 */
final class GilTask implements Decoration {

    /** Which task's hold the thread has, for waits on objects handed between tasks. */
    private static final ThreadLocal<GilTask> CURRENT = new ThreadLocal<>();

    private final GilHolder holder;
    /** The thread that holds the lock for this task; written only by it. */
    private volatile Thread holderThread;

    GilTask(GilHolder holder) {
        this.holder = holder;
    }

    @Override
    public <T> T call(Task<T> task, TaskContext context) throws Exception {
        acquire();
        try {
            return task.run(new GilTaskContext(context, this));
        } finally {
            release();
        }
    }

    @Override
    public <T> CompletionStage<T> start(AsyncTask<T> task, AsyncContext context) throws Exception {
        boolean took = !heldByCurrentThread();
        if (took) {
            acquire();
        }
        try {
            return task.start(new GilAsyncContext(context, this));
        } finally {
            if (took) {
                release();
            }
        }
    }

    @Override
    public Decoration sibling() {
        return new GilTask(holder.sibling());
    }

    @Override
    public GilStats stats() {
        return holder.stats();
    }

    void acquire() {
        holder.acquire();
        holderThread = Thread.currentThread();
        CURRENT.set(this);
    }

    void release() {
        if (holderThread == Thread.currentThread()) {
            holderThread = null;
            CURRENT.remove();
            holder.release();
        }
    }

    /**
     * The task whose lock the calling thread holds: a connection handed from a
     * parent to a child must release the child's hold, not its parent's.
     *
     * @return it, or {@code null} if the thread holds none
     */
    static GilTask current() {
        return CURRENT.get();
    }

    void checkpoint() {
        holder.checkpoint();
    }

    /**
     * Whether the calling thread holds this task's lock through any task's hold:
     * a stage of a connection handed from one async task to another completes
     * inside the other's callback, which holds the lock already.
     *
     * @return whether taking it again would wait for ourselves
     */
    boolean lockHeldByCurrentThread() {
        GilTask current = CURRENT.get();
        return current != null && current.holder.sameLock(holder) && current.heldByCurrentThread();
    }

    boolean heldByCurrentThread() {
        return holderThread == Thread.currentThread() && holder.isHeld();
    }

    /**
     * Runs a wait without the lock, if this thread holds it, and takes it back after.
     *
     * @param wait the wait
     * @param <V>  its result type
     * @param <E>  what it may throw
     * @return its result
     * @throws E what it threw
     */
    <V, E extends Exception> V releasing(Wait<V, E> wait) throws E {
        if (!heldByCurrentThread()) {
            return wait.call();
        }
        release();
        try {
            return wait.call();
        } finally {
            acquire();
        }
    }

    /** A wait that may throw {@code E}. */
    @FunctionalInterface
    interface Wait<V, E extends Exception> {
        V call() throws E;
    }
}
