package dev.concurrency;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * A TCP connection opened by {@link AsyncContext#connect(InetSocketAddress)}:
 * {@link Connection}'s operations as stages. One read and one write may be
 * pending at a time. Lines are UTF-8, ended by {@code \n} (a preceding
 * {@code \r} is dropped). Use it from its task only.
 *
 * <p>Not thread-safe: use it from its task's callbacks, which run one at a time.
 */
public interface AsyncConnection extends AutoCloseable {

    /**
     * Writes every remaining byte of {@code src}.
     *
     * @param src the bytes to send; its position ends at its limit
     * @return completes once every byte is written
     */
    CompletionStage<Void> write(ByteBuffer src);

    /**
     * Writes {@code text} as UTF-8, as it is (no line end is added).
     *
     * @param text the text to send
     * @return completes once it is written
     */
    CompletionStage<Void> write(String text);

    /**
     * Reads at least one byte into {@code dst}, completing when some arrive.
     *
     * @param dst where to put the bytes
     * @return completes with how many bytes were read (at least one), or {@code -1} at end of stream
     */
    CompletionStage<Integer> read(ByteBuffer dst);

    /**
     * Reads one line (UTF-8, ended by {@code \n}, a preceding {@code \r} dropped).
     *
     * @return completes with the next line, or {@code null} if the peer closed before another began; fails

     *         with an {@link java.io.IOException} if the line is longer than {@link Connection#MAX_LINE_BYTES}
     */
    CompletionStage<String> readLine();

    /** {@return the address this connection was opened to} */
    InetSocketAddress remoteAddress();

    /** Closes the connection; closing again does nothing. */
    @Override
    void close();
}
