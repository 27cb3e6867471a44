package dev.concurrency.internal.server;

import dev.concurrency.Listener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The {@link Control} of an accepting task running in the server's own JVM. Thread-safe. */
final class LocalControl implements Control {

    /** Completes with the bound address, or fails with why the task could not listen. */
    final CompletableFuture<InetSocketAddress> ready = new CompletableFuture<>();
    private volatile Listener listener;
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private volatile Duration grace = Duration.ZERO;

    @Override
    public void listening(Listener listener) {
        this.listener = listener;
        ready.complete(listener.localAddress());
        if (stopping()) {
            listener.close(); // stopped while it was binding
        }
    }

    @Override
    public void failed(Throwable error) {
        ready.completeExceptionally(error);
    }

    @Override
    public CompletableFuture<Void> stopRequested() {
        return stop;
    }

    @Override
    public Duration grace() {
        return grace;
    }

    /**
     * Stops accepting: closes the listener, so the task's accept fails and it drains.
     *
     * @param grace how long open connections may take
     */
    void stop(Duration grace) {
        this.grace = grace;
        stop.complete(null);
        Listener l = listener;
        if (l != null) {
            l.close();
        }
    }
}
