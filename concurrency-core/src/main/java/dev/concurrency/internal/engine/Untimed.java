package dev.concurrency.internal.engine;

/**
 * A task the run's {@code taskTimeout} does not apply to: a server's accepting
 * task, which runs until the server closes (the timeout applies to each
 * connection's handler instead).
 */
public interface Untimed {
}
