package dev.concurrency.internal;

import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Admission in input order under a bound: items wait in a FIFO queue, and
 * whoever adds one, or frees a permit, then {@link #drain()}s: while a permit
 * and a waiting item are both there, the item is claimed and started. Either
 * the adder sees the freed permit or the freer sees the added item, so nothing
 * is stranded. A drain that an item's start causes on the same thread (it
 * ended at once) returns at once: the drain already running there goes on.
 * Without a bound nothing waits: {@link #admit} starts the items in order.
 *
 * <p>This class is thread-safe; {@link TaskScheduler} uses it for executions.
 *
 * @param <E> what is admitted
 */
final class Admission<E> {

    /** {@code null} when the bound is {@link Integer#MAX_VALUE}: items then start as they are admitted. */
    private final Semaphore permits;
    private final Queue<E> waiting = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Boolean> draining = new ThreadLocal<>();
    /** Takes an item for starting; {@code false} if it is no longer to start (cancelled while waiting). */
    private final Predicate<? super E> claim;
    /** Starts a claimed item; must not throw. */
    private final Consumer<? super E> start;

    /**
     * @param bound how many items may hold a permit at once
     * @param claim takes an item for starting, or says it is no longer to start
     * @param start starts a claimed item; must not throw
     */
    Admission(int bound, Predicate<? super E> claim, Consumer<? super E> start) {
        this.permits = bound == Integer.MAX_VALUE ? null : new Semaphore(bound);
        this.claim = claim;
        this.start = start;
    }

    /**
     * Adds items after those waiting, in their order, and starts what the bound allows.
     *
     * @param items the items
     */
    void admit(Collection<? extends E> items) {
        if (permits == null) {
            for (E item : items) {
                if (claim.test(item)) {
                    start.accept(item);
                }
            }
            return;
        }
        waiting.addAll(items);
        drain();
    }

    /** Gives back the permit of an item that was claimed and has ended; {@link #drain()} next. */
    void release() {
        if (permits != null) {
            permits.release();
        }
    }

    /** Starts waiting items, in order, while permits are free. */
    void drain() {
        if (waiting.isEmpty()) {
            // nothing to start; an item added after this check is drained by its adder, who then sees our permit
            return;
        }
        if (draining.get() != null) {
            return; // the loop below on this thread picks up whatever we would
        }
        draining.set(Boolean.TRUE);
        try {
            while (!waiting.isEmpty() && permits.tryAcquire()) {
                E item = waiting.poll();
                if (item == null || !claim.test(item)) {
                    permits.release(); // lost a race for it, or it was cancelled while waiting
                    continue;
                }
                start.accept(item);
            }
        } finally {
            draining.remove();
        }
    }
}
