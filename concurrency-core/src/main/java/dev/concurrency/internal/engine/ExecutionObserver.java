package dev.concurrency.internal.engine;

/** Hears an {@link Execution}'s transitions. Called on whichever thread makes the transition. */
public interface ExecutionObserver {

    /**
     * The task is about to run its code.
     *
     * @param execution the execution
     */
    void started(Execution<?> execution);

    /**
     * The task has ended: its outcome is decided and its code no longer runs.
     * Called exactly once per execution.
     *
     * @param execution the execution
     */
    void ended(Execution<?> execution);
}
