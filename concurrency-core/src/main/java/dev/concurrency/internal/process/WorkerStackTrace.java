package dev.concurrency.internal.process;

import java.io.Serial;

/**
 * Attached as the cause of an exception a task threw in a worker process (or
 * as a suppressed exception when it already has a cause): says which worker
 * ran the task and carries the worker-side stack trace, as Python's process
 * pool attaches the remote traceback.
 */
final class WorkerStackTrace extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private WorkerStackTrace(String message, StackTraceElement[] stack) {
        super(message, null, false, true);
        setStackTrace(stack);
    }

    /**
     * Marks an exception received from a worker.
     *
     * @param error  the task's exception, as deserialized
     * @param where  names the task and the worker, e.g. {@code "tasks[2] 'x' in worker 1 (pid 42)"}
     * @param <E>    its type
     * @return {@code error}
     */
    static <E extends Throwable> E attach(E error, String where) {
        WorkerStackTrace trace = new WorkerStackTrace("thrown by " + where + "; the worker-side stack trace:",
                error.getStackTrace());
        if (error.getCause() == null) {
            try {
                error.initCause(trace);
                return error;
            } catch (IllegalStateException | IllegalArgumentException e) {
                // its cause was set to null explicitly: fall back to a suppressed exception
            }
        }
        error.addSuppressed(trace);
        return error;
    }
}
