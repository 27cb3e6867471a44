package dev.concurrency;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A listening TCP socket opened by {@link TaskContext#listen(InetSocketAddress)}:
 * a task becomes a server by accepting connections in a loop, typically
 * spawning a child task per connection in a {@link TaskGroup}.
 *
 * <pre>{@code
 * try (Listener listener = ctx.listen(new InetSocketAddress("127.0.0.1", 0));
 *      TaskGroup<Void> group = ctx.<Void>group().failFast(false)) {
 *     while (true) {
 *         Connection c = listener.accept();
 *         group.spawn(child -> { try (c) { c.write(c.readLine() + "\n"); } return null; });
 *     }
 * }
 * }</pre>
 *
 * <p>The socket is bound with a backlog of {@value #BACKLOG}, so that thousands of
 * clients connecting at once are not refused. It is closed when its task ends.
 * Accepted connections may be handed to the task's children.
 *
 * <p>Not thread-safe: accept from one task at a time.
 */
public interface Listener extends AutoCloseable {

    /** How many connections the system may queue before {@link #accept()} takes them. */
    int BACKLOG = 4096;

    /**
     * Waits for the next connection.
     *
     * @return the accepted connection; closed when the listening task ends, if nobody closes it first
     * @throws IOException if the listener is closed or fails, or the task is cancelled meanwhile
     *                     (which closes the listener, as for any socket wait)
     */
    Connection accept() throws IOException;

    /** {@return the address it listens on, with the port picked if port 0 was asked for} */
    InetSocketAddress localAddress();

    /** Stops listening; a pending {@link #accept()} fails. Closing again does nothing. */
    @Override
    void close();
}
