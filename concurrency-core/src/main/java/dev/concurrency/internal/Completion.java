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
}
