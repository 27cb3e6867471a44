package dev.concurrency.examples.load;

import dev.concurrency.Concurrency;
import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Server;
import dev.concurrency.Strategy;
import dev.concurrency.examples.workloads.EchoHandlers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Starts the line-echo server of {@link EchoHandlers} under a strategy, on a
 * free loopback port: a thread per connection under {@code THREAD} (its pool
 * as large as the connections it is to hold), a virtual thread per connection,
 * one loop under {@code EVENT_LOOP} and {@code CALLBACK} (the callback form),
 * a worker JVM per core under {@code PROCESS}.
 */
public final class EchoServers {

    private EchoServers() {
    }

    /**
     * Starts a server.
     *
     * @param strategy    how it serves each connection
     * @param gil         the emulated interpreter lock its handlers run under
     * @param connections the most connections it is to hold at once
     * @return the listening server
     * @throws IOException if it cannot listen
     */
    public static Server start(Strategy strategy, Gil gil, int connections) throws IOException {
        return start(strategy, gil, connections, false);
    }

    /**
     * Starts a server that echoes lines ({@code readLine}, {@code write}) or bytes as they come.
     *
     * @param strategy    how it serves each connection
     * @param gil         the emulated interpreter lock its handlers run under
     * @param connections the most connections it is to hold at once
     * @param bytes       whether it echoes bytes as they come instead of lines
     * @return the listening server
     * @throws IOException if it cannot listen
     */
    public static Server start(Strategy strategy, Gil gil, int connections, boolean bytes) throws IOException {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        RunOptions options = options(strategy, connections).gil(gil);
        return strategy == Strategy.CALLBACK
                ? Concurrency.serveAsync(any, bytes ? EchoHandlers.BYTES_ASYNC : EchoHandlers.ASYNC, options)
                : Concurrency.serve(any, bytes ? EchoHandlers.BYTES : EchoHandlers.DIRECT, options);
    }

    /**
     * @param strategy    a strategy
     * @param connections the most connections at once
     * @return the options its server runs with
     */
    static RunOptions options(Strategy strategy, int connections) {
        RunOptions options = RunOptions.of(strategy);
        return switch (strategy) {
            case THREAD -> options.maxConcurrency(Math.max(1, connections));
            case EVENT_LOOP, CALLBACK -> options.loops(1);
            case PROCESS -> options.workers(Runtime.getRuntime().availableProcessors());
            default -> options;
        };
    }

    /**
     * The label of a strategy's server in tables: the strategy, with its loops or workers where it has some.
     *
     * @param strategy a strategy
     * @return {@code EVENT_LOOP loops(1)}, {@code PROCESS workers(2)}, {@code THREAD}
     */
    public static String label(Strategy strategy) {
        return switch (strategy) {
            case EVENT_LOOP, CALLBACK -> strategy + " loops(1)";
            case PROCESS -> strategy + " workers(" + Runtime.getRuntime().availableProcessors() + ")";
            default -> strategy.name();
        };
    }
}
