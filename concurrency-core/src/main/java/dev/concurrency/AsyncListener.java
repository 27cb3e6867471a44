package dev.concurrency;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * {@link Listener} in callback form, opened by {@link AsyncContext#listen(InetSocketAddress)}.
 * One accept may be pending at a time.
 *
 * <p>Not thread-safe: use it from its task's callbacks.
 */
public interface AsyncListener extends AutoCloseable {

    /**
     * Accepts the next connection.
     *
     * @return completes with it; fails if the listener closes or the task is cancelled
     */
    CompletionStage<AsyncConnection> accept();

    /** {@return the address it listens on} */
    InetSocketAddress localAddress();

    /** Stops listening; a pending accept fails. Closing again does nothing. */
    @Override
    void close();
}
