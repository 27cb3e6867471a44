package dev.concurrency;

import java.util.Objects;

/**
 * The timing of one child task, spawned in a {@link TaskGroup} by a task of the run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param parent the task that spawned it (a child's child names its own parent)
 * @param child  the child's index (its parent's) and name
 * @param timing when it was spawned, started and ended, from the run's start
 */
public record ChildTiming(TaskInfo parent, TaskInfo child, TaskTiming timing) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if any is null
     */
    public ChildTiming {
        Objects.requireNonNull(parent, "parent is null");
        Objects.requireNonNull(child, "child is null");
        Objects.requireNonNull(timing, "timing is null");
    }
}
