package dev.concurrency.internal.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The threads of a {@link ThreadTracker} that have done their work and may
 * not have terminated yet: a thread leaves its work, enters here, and
 * terminates a moment later. Few are in that moment at once, so they take
 * slots of a small array (a thread takes the slot of one that has
 * terminated, which is then forgotten), without an allocation or a shared
 * write per thread; only when every slot holds a thread still alive does one
 * go to a queue. Thread-safe.
 */
final class ExitingThreads {

    /** A power of two. */
    private static final int SLOTS = 64;
    /** How many queued threads an {@link #add} looks at, to drop those that have terminated. */
    private static final int DROPS_PER_ADD = 2;

    private final AtomicReferenceArray<Thread> slots = new AtomicReferenceArray<>(SLOTS);
    private final Queue<Thread> overflow = new ConcurrentLinkedQueue<>();

    /**
     * Records a thread that has done its work, before it counts as gone from the live ones.
     *
     * @param thread the calling thread, typically
     */
    void add(Thread thread) {
        int first = (int) thread.threadId();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (first + i) & (SLOTS - 1);
            Thread there = slots.get(slot);
            if ((there == null || !there.isAlive()) && slots.compareAndSet(slot, there, thread)) {
                dropTerminated();
                return;
            }
        }
        overflow.add(thread);
    }

    /** Forgets up to {@link #DROPS_PER_ADD} queued threads that have terminated; stops at the first alive. */
    private void dropTerminated() {
        for (int i = 0; i < DROPS_PER_ADD; i++) {
            Thread head = overflow.peek();
            if (head == null || head.isAlive()) {
                return;
            }
            overflow.remove(head);
        }
    }

    /** Joins one thread, or gives up; see {@link ThreadTracker#joinAll}. */
    interface Joiner {
        boolean join(Thread thread) throws InterruptedException;
    }

    /**
     * Joins every thread recorded so far.
     *
     * @param joiner joins one thread, {@code false} once time is up
     * @return whether all were joined
     * @throws InterruptedException if interrupted while waiting
     */
    boolean joinAll(Joiner joiner) throws InterruptedException {
        for (int slot = 0; slot < SLOTS; slot++) {
            Thread thread = slots.get(slot);
            if (thread != null && !joiner.join(thread)) {
                return false;
            }
        }
        for (Thread thread; (thread = overflow.peek()) != null; overflow.remove(thread)) {
            if (!joiner.join(thread)) {
                return false;
            }
        }
        return true;
    }
}
