package dev.concurrency.internal.eventloop;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A connection of a loop, as its task contexts use it: a socket
 * ({@link LoopConnection}), or in a simulated run one end of a pipe of the
 * run's in-memory network ({@link SimulatedStream}). Each operation runs on the
 * loop, completes its callback there (perhaps at once), and returns how to
 * disarm it. One read and one write may be pending at a time.
 */
interface LoopStream extends AutoCloseable {

    /**
     * Writes every remaining byte of {@code src}.
     *
     * @param src      the bytes
     * @param callback told once they are written
     * @return disarms it
     */
    Runnable write(ByteBuffer src, Callback<Void> callback);

    /**
     * Reads at least one byte, or -1 at end of stream.
     *
     * @param dst      where to put them
     * @param callback told how many were read
     * @return disarms it
     */
    Runnable read(ByteBuffer dst, Callback<Integer> callback);

    /**
     * Reads one line; {@code null} if the peer closed before another began.
     *
     * @param callback told the line
     * @return disarms it
     */
    Runnable readLine(Callback<String> callback);

    /** @return where it is connected */
    InetSocketAddress remoteAddress();

    /** Closes it and forgets pending operations; closing again does nothing. From any thread. */
    @Override
    void close();
}
