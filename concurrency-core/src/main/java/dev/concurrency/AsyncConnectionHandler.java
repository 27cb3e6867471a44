package dev.concurrency;

import java.io.Serializable;
import java.util.concurrent.CompletionStage;

/**
 * {@link ConnectionHandler} in callback form, for
 * {@link Concurrency#serveAsync}: the one {@link Strategy#CALLBACK} serves with (and which every other strategy runs too, as it runs an
 * {@link AsyncTask}): each connection is an async task on the loop, and the
 * connection is closed when its stage completes.
 *
 * <pre>{@code
 * AsyncConnectionHandler echo = (connection, ctx) -> connection.readLine()
 *         .thenCompose(line -> line == null ? CompletableFuture.completedFuture(null)
 *                 : connection.write(line + "\n"));
 * }</pre>
 *
 * <p>Serializable; it must be safe to run for many connections at a time.
 */
@FunctionalInterface
public interface AsyncConnectionHandler extends Serializable {

    /**
     * Starts serving one connection.
     *
     * @param connection the accepted connection; closed when the stage completes
     * @param context    the operations the handler may wait on, as stages
     * @return completes when the connection is served; a failure is counted
     * @throws Exception a failure before any stage exists; counted the same way
     */
    CompletionStage<Void> handle(AsyncConnection connection, AsyncContext context) throws Exception;
}
