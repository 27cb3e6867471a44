package dev.concurrency;

/**
 * Hears when tasks start and end, for progress displays. Set it with
 * {@link RunOptions#listener(TaskListener)}. Methods are called from the
 * threads that run the tasks, concurrently: implementations must be
 * thread-safe and quick. What they throw is logged and ignored.
 */
public interface TaskListener {

    /**
     * A task has started running.
     *
     * @param task which task
     */
    default void started(TaskInfo task) {
    }

    /**
     * A task has ended, whether it ran or not (a task cancelled before it
     * started ends without starting).
     *
     * @param task    which task
     * @param outcome how it ended
     */
    default void finished(TaskInfo task, Outcome<?> outcome) {
    }
}
