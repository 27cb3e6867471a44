package dev.concurrency;

/**
 * Which task an event, error or context belongs to: its position in the list
 * given to {@code run}, and its {@link Task#name() name}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param index the task's position in its run, or {@code -1} for a task given
 *              to {@link Runner#submit(Task)} on its own
 * @param name  the task's name, empty when it has none
 */
public record TaskInfo(int index, String name) {

    /** Index of a task submitted on its own rather than as part of a list. */
    public static final int SUBMITTED = -1;

    /**
     * Describes the task for messages: {@code tasks[3] 'fetch'},
     * {@code tasks[3]}, {@code task 'fetch'} or {@code submitted task}.
     */
    @Override
    public String toString() {
        String where = index == SUBMITTED ? (name.isEmpty() ? "submitted task" : "task") : "tasks[" + index + "]";
        return name.isEmpty() ? where : where + " '" + name + "'";
    }
}
