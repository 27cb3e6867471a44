package dev.concurrency.internal.engine;

import dev.concurrency.AsyncListener;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * {@link ServerSupport} in callback form, for a server's accepting
 * {@link dev.concurrency.AsyncTask}. Implemented by the loop's callback
 * context and the GIL's.
 */
public interface AsyncServerSupport {

    /**
     * @param endings told each child's outcome as it ends
     * @param <V>     the children's result type
     * @return a group that forgets children as they end, and whose close never fails with their failures
     */
    <V> AsyncTaskGroup<V> serverGroup(Consumer<Outcome<V>> endings);

    /**
     * @param address   where
     * @param reusePort whether to set {@code SO_REUSEPORT}
     * @return the listener, closed when the task ends
     * @throws IOException if it cannot be bound
     */
    AsyncListener listen(InetSocketAddress address, boolean reusePort) throws IOException;
}
