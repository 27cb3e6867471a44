package dev.concurrency;

/**
 * A task did not succeed where its value was needed, as in
 * {@link Results#values()}. The message names the task; the cause is the
 * task's own exception when it failed.
 *
 * <p>Immutable once made, and so thread-safe.
 */
public class TaskFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient TaskInfo task;
    private final transient Outcome<?> outcome;

    /**
     * Makes the exception; its message names the task and how it ended, and
     * its cause is the task's exception when {@code outcome} is a
     * {@link Outcome.Failure}. Task and outcome are not serialized.
     *
     * @param task    the task
     * @param outcome how it ended (anything but {@link Outcome.Success})
     */
    public TaskFailedException(TaskInfo task, Outcome<?> outcome) {
        super(message(task, outcome), outcome instanceof Outcome.Failure<?> f ? f.error() : null);
        this.task = task;
        this.outcome = outcome;
    }

    /** {@return the task that did not succeed} */
    public TaskInfo task() {
        return task;
    }

    /** {@return how the task ended; {@code null} in a deserialized copy, as is {@link #task()}} */

    public Outcome<?> outcome() {
        return outcome;
    }

    private static String message(TaskInfo task, Outcome<?> outcome) {
        return switch (outcome) {
            case Outcome.Failure<?> f -> task + " failed: " + f.error();
            case Outcome.Cancelled<?> c -> task + " was cancelled";
            case Outcome.TimedOut<?> t -> task + " timed out after " + t.limit();
            case Outcome.Success<?> s -> task + " succeeded";
        };
    }
}
