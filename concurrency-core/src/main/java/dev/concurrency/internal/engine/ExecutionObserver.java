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

    /** Hears nothing. */
    ExecutionObserver NONE = new ExecutionObserver() {
        @Override
        public void started(Execution<?> execution) {
        }

        @Override
        public void ended(Execution<?> execution) {
        }
    };

    /**
     * The clock the execution's timings are read from.
     *
     * @return {@link System#nanoTime()}, unless the run keeps virtual time
     */
    default long nanoTime() {
        return System.nanoTime();
    }

    /**
     * How the children a task spawns are observed: by default, not at all.
     *
     * @param parent the task spawning them
     * @return their observer
     */
    default ExecutionObserver children(Execution<?> parent) {
        return NONE;
    }
}
