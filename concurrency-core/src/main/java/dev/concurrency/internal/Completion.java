package dev.concurrency.internal;

import dev.concurrency.internal.engine.Execution;

/**
 * Who waits for an execution: a run's batch, a submitted task's future, an
 * executor's task. Called by the {@link TaskScheduler} after its own
 * bookkeeping, on the thread that made the transition.
 *
 * @param <T> the task's result type
 */
interface Completion<T> {

    /**
     * The task's code is about to run.
     *
     * @param execution the execution
     */
    default void started(Execution<T> execution) {
    }

    /**
     * The task has ended; called exactly once.
     *
     * @param execution the execution, whose outcome is decided
     */
    void ended(Execution<T> execution);

    /**
     * Every execution submitted with this one has ended (called once, by the
     * thread that ended the last, after {@link #ended} for each).
     */
    default void allEnded() {
    }

    /**
     * A child the task spawned has ended; by default nothing is kept (a runner's
     * submitted task, or a server's, may spawn without end).
     *
     * @param parent the task's execution
     * @param child  the child's, whose outcome is decided
     */
    default void childEnded(Execution<T> parent, Execution<?> child) {
    }
}
