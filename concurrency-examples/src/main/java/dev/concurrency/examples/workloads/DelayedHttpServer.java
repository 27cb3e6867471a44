package dev.concurrency.examples.workloads;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on the loopback interface that answers {@code GET} {@value #PATH}
 * with {@code 200 OK} after a fixed delay, and any other path with {@code 404}
 * at once. Each exchange is handled on a virtual thread of its own, so the
 * server waits for all requests at once and is never the bottleneck of a
 * benchmark. Closing it stops the server and waits for its handlers.
 *
 * <pre>{@code
 * try (DelayedHttpServer server = DelayedHttpServer.start(Duration.ofMillis(50), 256)) {
 *     InetSocketAddress address = server.address();
 * }
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class DelayedHttpServer implements AutoCloseable {

    /** The path answered after the delay. */
    public static final String PATH = "/delayed";

    private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Duration delay;

    private DelayedHttpServer(HttpServer server, ExecutorService handlers, Duration delay) {
        this.server = server;
        this.handlers = handlers;
        this.delay = delay;
    }

    /**
     * Starts a server on an ephemeral port of 127.0.0.1.
     *
     * @param delay   how long to wait before answering {@value #PATH}, {@code >= 0}
     * @param backlog how many connections may wait to be accepted, {@code > 0}
     *                (the number of clients that connect at once is a good value)
     * @return the running server; close it to stop it
     * @throws IOException if the server cannot bind its socket
     */
    public static DelayedHttpServer start(Duration delay, int backlog) throws IOException {
        Objects.requireNonNull(delay, "delay is null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
        }
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog: " + backlog + " (expected: > 0)");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        DelayedHttpServer delayed = new DelayedHttpServer(server, handlers, delay);
        try {
            server.setExecutor(handlers);
            server.createContext("/", delayed::handle);
            server.start();
        } catch (RuntimeException e) {
            delayed.close();
            throw e;
        }
        return delayed;
    }

    /** @return the address the server listens on */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return how long the server waits before answering {@value #PATH} */
    public Duration delay() {
        return delay;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY);
        }
    }

    /** Stops the server at once, closing open exchanges, and waits for the handlers to end. */
    @Override
    public void close() {
        try {
            server.stop(0);
        } finally {
            handlers.close();
        }
    }

    @Override
    public String toString() {
        return "DelayedHttpServer[" + address() + ", delay " + delay.toMillis() + " ms]";
    }
}
