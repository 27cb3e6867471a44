package dev.concurrency;

import java.io.Serial;

/**
 * Stands in for an exception a task threw in another JVM (a worker process)
 * that could not be serialized (it holds something that is not): the
 * original's class name and message are in the message, and its stack trace
 * is kept. Immutable once made; thread-safe as any exception.
 */
public final class RemoteTaskException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The binary class name of the exception the task threw, as {@link Class#getName()} gives it. */
    private final String originalClassName;

    private RemoteTaskException(String originalClassName, String message) {
        super(message);
        this.originalClassName = originalClassName;
    }

    /**
     * Makes a serializable stand-in for an exception: its message is the
     * original's {@code toString()} followed by a note that it stands in for
     * it, and its stack trace is the original's. Neither the original's cause
     * nor its suppressed exceptions are kept.
     *
     * @param original the exception that cannot be serialized

     * @return a serializable stand-in for it
     */
    public static RemoteTaskException standIn(Throwable original) {
        RemoteTaskException e = new RemoteTaskException(original.getClass().getName(),
                original + " (could not be serialized out of the worker process, so this stands in for it)");
        e.setStackTrace(original.getStackTrace());
        return e;
    }

    /** {@return the class name of the exception the task threw} */
    public String originalClassName() {
        return originalClassName;
    }
}
