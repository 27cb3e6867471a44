package dev.concurrency.examples.workloads;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncConnectionHandler;
import dev.concurrency.ConnectionHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * Echo handlers for {@link dev.concurrency.Concurrency#serve} and
 * {@link dev.concurrency.Concurrency#serveAsync}: what a client sends comes
 * back, until it closes its connection; line by line ({@code readLine}, then
 * {@code write} of the line), or bytes as they come (as {@link EchoServer}).
 */
public final class EchoHandlers {

    /** Direct style: read a line, write it back, until the end of the stream. */
    public static final ConnectionHandler DIRECT = (connection, ctx) -> {
        for (String line; (line = connection.readLine()) != null; ) {
            connection.write(line + "\n");
        }
    };

    /** Callback style: the same, each line's write starting the next read. */
    public static final AsyncConnectionHandler ASYNC = (connection, ctx) -> {
        CompletableFuture<Void> done = new CompletableFuture<>();
        next(connection, done);
        return done;
    };

    /** Bytes each connection of the byte echoes reads at most at once, as {@link EchoServer} does. */
    static final int BUFFER_BYTES = 4_096;

    /** Direct style, bytes as they come: write back what each read got, as {@link EchoServer} does. */
    public static final ConnectionHandler BYTES = (connection, ctx) -> {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        while (connection.read(buffer) >= 0) {
            buffer.flip();
            connection.write(buffer);
            buffer.clear();
        }
    };

    /** Callback style, bytes as they come. */
    public static final AsyncConnectionHandler BYTES_ASYNC = (connection, ctx) -> {
        CompletableFuture<Void> done = new CompletableFuture<>();
        nextBytes(connection, ByteBuffer.allocate(BUFFER_BYTES), done);
        return done;
    };

    private EchoHandlers() {
    }

    /** Reads what has come and writes it back, then reads again; completes {@code done} at the end of the stream. */
    private static void nextBytes(AsyncConnection connection, ByteBuffer buffer, CompletableFuture<Void> done) {
        buffer.clear();
        connection.read(buffer)
                .thenCompose(n -> n < 0 ? CompletableFuture.completedFuture(Boolean.FALSE)
                        : connection.write(buffer.flip()).thenApply(v -> Boolean.TRUE))
                .whenComplete((more, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else if (more) {
                        nextBytes(connection, buffer, done);
                    } else {
                        done.complete(null);
                    }
                });
    }

    /** Reads one line and writes it back, then the next; completes {@code done} at the end of the stream. */
    private static void next(AsyncConnection connection, CompletableFuture<Void> done) {
        connection.readLine()
                .thenCompose(line -> line == null ? CompletableFuture.completedFuture(Boolean.FALSE)
                        : connection.write(line + "\n").thenApply(v -> Boolean.TRUE))
                .whenComplete((more, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else if (more) {
                        next(connection, done);
                    } else {
                        done.complete(null);
                    }
                });
    }
}
