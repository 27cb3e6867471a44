package dev.concurrency.internal.server;

import dev.concurrency.Outcome;
import dev.concurrency.ServerStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One server's figures, counted as connections are accepted and handlers end,
 * and the signal an accepting task waits on when every handler slot is taken.
 * Thread-safe.
 */
final class ServerCounters {

    private long accepted;
    private int active;
    private int peak;
    private long failures;
    /** Completed, and replaced, each time a handler ends. */
    private final AtomicReference<CompletableFuture<Void>> freed = new AtomicReference<>(new CompletableFuture<>());

    /** A connection was accepted and its handler is about to start. */
    synchronized void accepted() {
        accepted++;
        active++;
        peak = Math.max(peak, active);
    }

    /**
     * A handler ended.
     *
     * @param outcome how
     */
    void ended(Outcome<?> outcome) {
        synchronized (this) {
            active--;
            if (outcome instanceof Outcome.Failure<?>) {
                failures++;
            }
        }
        freed.getAndSet(new CompletableFuture<>()).complete(null);
    }

    /** @return handlers running now */
    synchronized int active() {
        return active;
    }

    /** @return completes when a handler next ends; check {@link #active()} again after taking it */
    CompletableFuture<Void> nextFree() {
        return freed.get();
    }

    /** @return the figures now */
    synchronized ServerStats snapshot() {
        return new ServerStats(accepted, active, peak, failures);
    }
}
