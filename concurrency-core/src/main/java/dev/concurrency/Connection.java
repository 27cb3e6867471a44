package dev.concurrency;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A TCP connection opened by {@link TaskContext#connect(InetSocketAddress)}.
 * Reads and writes wait the way the running strategy waits. Lines are UTF-8,
 * ended by {@code \n} (a preceding {@code \r} is dropped).
 *
 * <p>A connection belongs to the task that opened it: use it from that task only.
 *
 * <p>Not thread-safe: use it only from the task that opened it.
 */
public interface Connection extends AutoCloseable {

    /**
     * Writes every remaining byte of {@code src}.
     *
     * @param src the bytes to send; its position ends at its limit
     * @throws IOException if the connection fails or is closed, or the task is cancelled
     */
    void write(ByteBuffer src) throws IOException;

    /**
     * Writes {@code text} as UTF-8, as it is (no line end is added).
     *
     * @param text the text to send
     * @throws IOException if the connection fails or is closed, or the task is cancelled
     */
    void write(String text) throws IOException;

    /**
     * Reads at least one byte into {@code dst}, waiting until some arrive.
     *
     * @param dst where to put them
     * @return how many bytes were read, or {@code -1} when the peer has closed its side
     * @throws IOException if the connection fails or is closed, or the task is cancelled
     */
    int read(ByteBuffer dst) throws IOException;

    /** The longest line {@link #readLine()} returns, in bytes (1 MiB); read longer ones with {@link #read}. */
    int MAX_LINE_BYTES = 1 << 20;

    /**
     * Reads one line (UTF-8, ended by {@code \n}, a preceding {@code \r} dropped).
     *
     * @return the line without its line end, or {@code null} when the peer closed
     *         its side before another line began
     * @throws IOException if the connection fails or is closed, the task is cancelled,
     *                     or the line is longer than {@link #MAX_LINE_BYTES}
     */
    String readLine() throws IOException;

    /**
     * The address this connection was opened to.
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();

    /** Closes the connection; closing again does nothing. */
    @Override
    void close();
}
