package dev.concurrency.internal.engine;

import dev.concurrency.Listener;
import dev.concurrency.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * What a server's accepting task needs beyond {@link dev.concurrency.TaskContext}:
 * a listener that may share its port ({@code SO_REUSEPORT}: one per worker or
 * loop), and a group for its connections' handlers that forgets them as they
 * end (a server runs for long) and counts their outcomes rather than throwing
 * them. Implemented by the engines' contexts and the GIL's.
 */
public interface ServerSupport {

    /**
     * @param endings told each child's outcome as it ends
     * @param <V>     the children's result type
     * @return the group, waiting for children the way the task waits
     */
    <V> ChildGroup<V> serverGroup(Consumer<Outcome<V>> endings);

    /**
     * Listens, sharing the port with other listeners that set {@code SO_REUSEPORT} when {@code reusePort} is set.
     *
     * @param address   where
     * @param reusePort whether to set {@code SO_REUSEPORT}
     * @return the listener, closed when the task ends
     * @throws IOException if it cannot be bound
     */
    Listener listen(InetSocketAddress address, boolean reusePort) throws IOException;
}
