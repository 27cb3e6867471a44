package dev.concurrency.internal.engine;

/**
 * Where an engine runs the children a task spawns in a {@code TaskGroup}: the
 * same kind of place it runs tasks (a pool thread, a virtual thread, a
 * coroutine on the parent's loop, a thread of a worker process). Each engine
 * gives its contexts one; the group logic itself is shared. Thread-safe.
 */
public interface ChildLauncher {

    /**
     * Starts a child; it reports its own end through its execution.
     *
     * @param child the child's execution, not started
     * @throws RuntimeException if no thread can be had for it (the child is then failed by the caller)
     */
    void start(Execution<?> child);

    /** The calling task is about to wait for its children: a bounded pool lends a thread in its place. */
    default void parentWaits() {
    }

    /** The wait announced by {@link #parentWaits()} is over. */
    default void parentResumes() {
    }

    /**
     * A child that ignored its cancellation was abandoned while its code runs on {@code thread}.
     *
     * @param thread the thread it keeps
     */
    default void abandoned(Thread thread) {
    }
}
