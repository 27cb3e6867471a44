package dev.concurrency.internal.eventloop;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * How other threads hand work to an {@link EventLoop}: a JCTools MPSC queue
 * (the {@code atomic} variant, which needs no {@code Unsafe}) and a wake-up of
 * the loop only when it may be asleep.
 *
 * <p>The loop, before it sleeps, calls {@link #maySleep()}: that sets the
 * {@code selecting} flag, then looks at the queue a last time. A producer
 * offers, then reads the flag, and only if it was set (and it is the one to
 * clear it) wakes the loop. One of them sees the other, so no hand-off sleeps
 * through, and a loop that is awake is not woken for nothing. The wake-up
 * must be sticky, as {@link java.nio.channels.Selector#wakeup()} is: one
 * that comes before the loop sleeps makes its next sleep return at once.
 *
 * <p>{@link #offer} is thread-safe; the other methods are the loop's.
 */
final class Inbox {

    private final MpscUnboundedAtomicArrayQueue<Runnable> queue = new MpscUnboundedAtomicArrayQueue<>(1024);
    /** Set while the loop may be asleep; cleared by the loop as it wakes, or by the producer that wakes it. */
    private final AtomicBoolean selecting = new AtomicBoolean();
    private final Runnable wakeUp;

    /** @param wakeUp wakes the loop from its sleep, or makes its next sleep return at once */
    Inbox(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    /**
     * Queues work for the loop and wakes it if it may be asleep. Any thread.
     *
     * @param task what to run
     */
    void offer(Runnable task) {
        queue.offer(task);
        if (selecting.get() && selecting.compareAndSet(true, false)) {
            wakeUp.run();
        }
    }

    /**
     * The loop is about to sleep: whether it may, as nothing is queued. If so,
     * it must call {@link #awake()} once it wakes. Loop-only.
     *
     * @return {@code true} if it may sleep; {@code false} if work is queued
     */
    boolean maySleep() {
        selecting.set(true);
        if (!queue.isEmpty()) {
            selecting.set(false);
            return false;
        }
        return true;
    }

    /** The loop has woken from the sleep {@link #maySleep()} allowed. Loop-only. */
    void awake() {
        selecting.set(false);
    }

    /** @return the oldest queued work, or {@code null} if none is ready; loop-only */
    Runnable poll() {
        return queue.relaxedPoll();
    }

    /** @return whether nothing is queued */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Drops what is queued. Loop-only. */
    void clear() {
        queue.clear();
    }
}
