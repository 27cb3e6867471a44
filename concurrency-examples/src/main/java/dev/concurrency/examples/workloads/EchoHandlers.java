package dev.concurrency.examples.workloads;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncConnectionHandler;
import dev.concurrency.ConnectionHandler;
import java.util.concurrent.CompletableFuture;

/**
 * Line-echo handlers for {@link dev.concurrency.Concurrency#serve} and
 * {@link dev.concurrency.Concurrency#serveAsync}: each line a client sends
 * comes back, until it closes its connection.
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

    private EchoHandlers() {
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
