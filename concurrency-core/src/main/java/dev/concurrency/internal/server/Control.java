package dev.concurrency.internal.server;

import dev.concurrency.Listener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How an accepting task and its server talk: the task says it listens (or
 * could not), and learns when to stop accepting and how long open connections
 * may take. In the server's JVM this is shared memory ({@link LocalControl});
 * in a worker process, a connection back to the server ({@link RemoteControl}).
 * Thread-safe.
 */
interface Control {

    /**
     * The task listens: the server may close {@code listener} to stop it.
     *
     * @param listener the task's listener
     * @throws java.io.IOException if the server cannot be told
     */
    void listening(Listener listener) throws java.io.IOException;

    /**
     * The task could not listen.
     *
     * @param error why
     */
    void failed(Throwable error);

    /** @return completes when the server asks the task to stop accepting */
    CompletableFuture<Void> stopRequested();

    /** @return whether the server asked the task to stop accepting */
    default boolean stopping() {
        return stopRequested().isDone();
    }

    /** @return how long open connections may take once the task stops accepting */
    Duration grace();
}
