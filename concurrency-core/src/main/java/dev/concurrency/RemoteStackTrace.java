package dev.concurrency;

import java.io.Serial;

/**
 * Attached as the cause of an exception a task threw in another JVM (a worker
 * process), or as a suppressed exception when it already has a cause: its
 * message says which task and worker, and its stack trace is the worker-side
 * one, as Python's process pool attaches the remote traceback. Thread-safe as
 * any exception.
 */
public final class RemoteStackTrace extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Makes the stand-in for the worker-side stack trace; its message reads
     * {@code thrown by <where>; the worker-side stack trace:}. It has no cause
     * and cannot have suppressed exceptions of its own.
     *
     * @param where names the task and where it ran, e.g. {@code "tasks[2] 'x' in worker 1 (pid 42)"}

     * @param stack the stack trace as it was in the other JVM
     */
    public RemoteStackTrace(String where, StackTraceElement[] stack) {
        super("thrown by " + where + "; the worker-side stack trace:", null, false, true);
        setStackTrace(stack);
    }
}
