package dev.concurrency;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A TCP server started by {@link Concurrency#serve}: it accepts connections
 * and runs its handler on each, as a task under its strategy.
 *
 * <pre>{@code
 * try (Server server = Concurrency.serve(new InetSocketAddress("127.0.0.1", 0), echo,
 *         RunOptions.of(Strategy.EVENT_LOOP))) {
 *     System.out.println("listening on " + server.address());
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface Server extends AutoCloseable {

    /** How long {@link #close()} lets open connections finish. */
    Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    /** {@return the address it listens on, with the port it picked if port 0 was asked for} */
    InetSocketAddress address();

    /**
     * What it has done so far. Under {@link Strategy#PROCESS} the workers
     * report their figures every 100 ms or so, and exactly when they stop.
     *
     * @return the figures
     */
    ServerStats stats();

    /**
     * Stops accepting, lets open connections finish within {@code grace}, then
     * cancels the handlers still running, and waits until nothing of the server
     * is left (threads, sockets, worker processes). Closing again does nothing.
     *
     * @param grace how long open connections may take to finish
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    void close(Duration grace);

    /** {@link #close(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    void close();
}
