package dev.concurrency.internal.eventloop;

import java.net.InetSocketAddress;

/**
 * A listening port of a loop: a server socket ({@link LoopListener}), or in a
 * simulated run a port of the run's in-memory network
 * ({@link SimulatedNetwork}). Used on the loop; one accept may be pending.
 */
interface LoopPort extends AutoCloseable {

    /**
     * Accepts the next connection.
     *
     * @param callback told the connection
     * @return disarms it
     */
    Runnable accept(Callback<LoopStream> callback);

    /** @return the address it listens on */
    InetSocketAddress localAddress();

    /** Stops listening; a pending accept fails. Closing again does nothing. From any thread. */
    @Override
    void close();
}
