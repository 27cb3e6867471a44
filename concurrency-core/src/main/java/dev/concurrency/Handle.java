package dev.concurrency;

/**
 * One child of a {@link TaskGroup}.
 *
 * <p>Thread-safe: {@link #cancel()} may be called from any task or thread (this is how one
 * task cancels another); {@link #join()} from the group's task.
 *
 * @param <V> the child's result type
 */
public interface Handle<V> {

    /** {@return the child's index and name: its parent's index, and a name under its parent's} */
    TaskInfo task();

    /**
     * Waits for the child and returns its value.
     *
     * @return what the child returned
     * @throws java.util.concurrent.CancellationException if the child was cancelled
     * @throws InterruptedException if the waiting task is cancelled or times out meanwhile
     * @throws Exception            what the child threw, as it is
     */
    V join() throws Exception;

    /** Cancels the child: it is interrupted at its next wait, or never starts. Does nothing once it has ended. */
    void cancel();

    /** {@return whether the child has ended} */
    boolean isDone();
}
