package dev.concurrency;

import java.io.Serializable;

/**
 * What a {@link Server} does with each connection it accepts, in direct
 * style: it runs as a task of its own under the server's strategy (a thread,
 * a virtual thread, a coroutine on a loop, a thread of a worker process), so
 * it may block on the connection as any task blocks on its waits. The
 * connection is closed when it returns; one that throws is counted in
 * {@link ServerStats#handlerFailures()} and never takes the server down.
 *
 * <pre>{@code
 * ConnectionHandler echo = (connection, ctx) -> {
 *     for (String line; (line = connection.readLine()) != null; ) {
 *         connection.write(line + "\n");
 *     }
 * };
 * }</pre>
 *
 * <p>Serializable, as {@link Task} is: under {@link Strategy#PROCESS} each worker gets a copy.
 * Each connection runs it once; it must be safe to run for many connections at a time.
 */
@FunctionalInterface
public interface ConnectionHandler extends Serializable {

    /**
     * Serves one connection.
     *
     * @param connection the accepted connection; closed when this returns
     * @param context    the operations the handler may wait on (its own task's)
     * @throws Exception anything; the connection is closed and the failure counted
     */
    void handle(Connection connection, TaskContext context) throws Exception;
}
