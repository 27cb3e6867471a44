package dev.concurrency.internal.engine;

import dev.concurrency.TaskInfo;
import java.time.Duration;

/**
 * One {@code withTimeout} call of a direct-style task: when its time passes it
 * interrupts the task's thread (the way every direct-style wait is cancelled),
 * unless it has closed. The interrupt happens under the scope's lock, so none
 * arrives after {@link #close()}; whoever closes a scope that fired clears the
 * interrupt, and keeps it if the task or an enclosing scope asked for it too.
 * Thread-safe.
 */
final class TimeoutScope {

    private final TimeoutScope enclosing;
    private final Thread thread;
    private final Duration timeout;
    private boolean fired;
    private boolean closed;

    TimeoutScope(TimeoutScope enclosing, Thread thread, Duration timeout) {
        this.enclosing = enclosing;
        this.thread = thread;
        this.timeout = timeout;
    }

    /** @return the scope this one is nested in, or {@code null} */
    TimeoutScope enclosing() {
        return enclosing;
    }

    /** Its time has passed: interrupts the task's thread unless the scope has closed. */
    synchronized void fire() {
        if (!closed) {
            fired = true;
            thread.interrupt();
        }
    }

    /**
     * Closes the scope; no interrupt of it comes later.
     *
     * @return whether it fired
     */
    synchronized boolean close() {
        closed = true;
        return fired;
    }

    private synchronized boolean hasFired() {
        return fired;
    }

    /** @return whether a scope around this one has fired */
    boolean enclosingFired() {
        for (TimeoutScope s = enclosing; s != null; s = s.enclosing) {
            if (s.hasFired()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param task the task, for the message
     * @return the exception the scope's caller gets
     */
    java.util.concurrent.TimeoutException timedOut(TaskInfo task) {
        return new java.util.concurrent.TimeoutException(task + ": its withTimeout(" + timeout.toMillis()
                + " ms) ran out");
    }
}
