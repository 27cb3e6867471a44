package dev.concurrency.examples.workloads;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Connection;
import dev.concurrency.TaskContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One HTTP/1.1 {@code GET} over a raw TCP connection opened with
 * {@link TaskContext#connect(InetSocketAddress)}: sends the request with
 * {@code Connection: close}, reads the status line, then reads the rest of the
 * response until the server closes. Its value is the status code; any status
 * but {@code 200} fails the task. Immutable and serializable.
 *
 * @param address the server
 * @param path    the path to request, starting with {@code /}
 */
public record HttpRequestTask(InetSocketAddress address, String path) implements AsyncTask<Integer> {

    private static final long serialVersionUID = 1L;
    private static final int OK = 200;

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}
     */
    public HttpRequestTask {
        Objects.requireNonNull(address, "address is null");
        Objects.requireNonNull(path, "path is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: '" + path + "' (expected: starts with /)");
        }
    }

    /** The request, in direct style: what every strategy but CALLBACK runs. */
    @Override
    public Integer run(TaskContext ctx) throws Exception {
        try (Connection connection = ctx.connect(address)) {
            connection.write(request());
            String statusLine = connection.readLine();
            if (statusLine == null) {
                throw new IOException(name() + ": the server closed the connection before answering");
            }
            int status = statusCode(statusLine);
            ByteBuffer rest = ByteBuffer.allocate(4096);
            while (connection.read(rest) >= 0) {
                rest.clear();
            }
            if (status != OK) {
                throw new IOException(name() + ": status " + status + " (expected: " + OK + "): " + statusLine);
            }
            return status;
        }
    }

    /** The same request in callback style, for CALLBACK. */
    @Override
    public CompletionStage<Integer> start(AsyncContext ctx) {
        return ctx.connect(address).thenCompose(connection -> connection.write(request())
                .thenCompose(written -> connection.readLine())
                .thenCompose(statusLine -> {
                    if (statusLine == null) {
                        throw new CompletionException(new IOException(
                                name() + ": the server closed the connection before answering"));
                    }
                    int status;
                    try {
                        status = statusCode(statusLine);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                    return drain(connection, ByteBuffer.allocate(4096)).thenApply(end -> {
                        if (status != OK) {
                            throw new CompletionException(new IOException(
                                    name() + ": status " + status + " (expected: " + OK + "): " + statusLine));
                        }
                        return status;
                    });
                })
                .whenComplete((status, error) -> connection.close()));
    }

    private static CompletionStage<Void> drain(AsyncConnection connection, ByteBuffer buffer) {
        return connection.read(buffer).thenCompose(n -> {
            if (n < 0) {
                return CompletableFuture.completedFuture(null);
            }
            buffer.clear();
            return drain(connection, buffer);
        });
    }

    private String request() {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + address.getHostString() + ":" + address.getPort() + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
    }

    /** @return {@code GET} and the path, as shown in errors */
    @Override
    public String name() {
        return "GET " + path;
    }

    /**
     * The status code of an HTTP/1.x status line such as {@code HTTP/1.1 200 OK}.
     *
     * @param statusLine the line
     * @return its code
     * @throws IOException if the line is not a status line
     */
    static int statusCode(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        return Integer.parseInt(parts[1]);
    }
}
