package dev.concurrency.internal.engine;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates an engine's threads and knows them all, so that the engine can
 * report how many are alive and, when it terminates, join every one of them:
 * "terminated" then means no thread of the engine is alive, not merely that
 * they have finished their work.
 *
 * <p>A thread moves from {@code live} to {@code exiting} as its last act;
 * exiting threads that have terminated are dropped as new ones are made (and
 * a thread forgets its work once it has run it), so a long-lived engine, such
 * as a server's, does not accumulate them or what they held. This class is thread-safe.
 */
public final class ThreadTracker implements ThreadFactory {

    /** How long one join waits before checking whether its thread was abandoned meanwhile. */
    private static final long JOIN_SLICE_NANOS = 50_000_000;
    /** Threads of any tracker left to finish on their own: not joined, as nothing can stop them. */
    private static final Set<Thread> ABANDONED = ConcurrentHashMap.newKeySet();

    private final Thread.Builder builder;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final Queue<Thread> exiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger liveCount = new AtomicInteger();

    /**
     * @param builder makes the threads (platform or virtual, with their names)
     */
    public ThreadTracker(Thread.Builder builder) {
        this.builder = builder;
    }

    @Override
    public Thread newThread(Runnable work) {
        dropTerminated();
        Tracked tracked = new Tracked(work);
        Thread thread = builder.unstarted(tracked);
        tracked.thread = thread;
        live.add(thread);
        liveCount.incrementAndGet();
        return thread;
    }

    /**
     * Makes and starts a thread; if it cannot start, forgets it and rethrows.
     *
     * @param work what the thread runs
     * @return the started thread
     */
    public Thread start(Runnable work) {
        Thread thread = newThread(work);
        try {
            thread.start();
        } catch (Throwable t) {
            if (live.remove(thread)) liveCount.decrementAndGet();
            throw t;
        }
        return thread;
    }

    /** A thread's work, then its leaving the live set as its last act. */
    private final class Tracked implements Runnable {
        /** Dropped once run: an ended thread kept until it is joined must not keep what its work held. */
        private Runnable work;
        private Thread thread;

        Tracked(Runnable work) {
            this.work = work;
        }

        @Override
        public void run() {
            try {
                Runnable w = work;
                work = null;
                w.run();
            } finally {
                ABANDONED.remove(thread);
                exiting.add(thread);
                if (live.remove(thread)) {
                    liveCount.decrementAndGet();
                }
            }
        }
    }

    /**
     * Leaves a thread to finish on its own: no tracker joins it any more (it
     * still counts as live until it ends). For a task that ignored its
     * cancellation past the grace.
     *
     * @param thread a thread some tracker made
     */
    public static void abandon(Thread thread) {
        if (thread.isAlive()) {
            ABANDONED.add(thread);
        }
    }

    /**
     * The abandoned code has ended after all and its thread goes on serving
     * (a pool's): it is joined again like any other.
     *
     * @param thread the calling thread, typically
     * @return whether it had been abandoned
     */
    public static boolean reclaim(Thread thread) {
        return ABANDONED.remove(thread);
    }

    /**
     * @param thread a thread
     * @return whether it was {@link #abandon}ed and is still alive
     */
    public static boolean isAbandoned(Thread thread) {
        return ABANDONED.contains(thread);
    }

    /**
     * {@link #abandon}s every thread of this tracker still alive.
     *
     * @return their names, for the report
     */
    public List<String> abandonLive() {
        List<String> names = new java.util.ArrayList<>();
        for (Thread thread : live) {
            if (thread.isAlive() && ABANDONED.add(thread)) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    /** @return whether the calling thread is one this tracker made and that has not finished */
    public boolean ownsCurrentThread() {
        return live.contains(Thread.currentThread());
    }

    /** @return threads made and not yet finished */
    public int liveCount() {
        return liveCount.get();
    }

    /**
     * Waits until every thread made so far has terminated.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value to give up at
     * @return whether all have terminated
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean joinAll(long deadlineNanos) throws InterruptedException {
        // live before exiting: a thread joins exiting before it leaves live, so it is in one snapshot or the other
        Set<Thread> liveNow = Set.copyOf(live);
        Set<Thread> exitingNow = Set.copyOf(exiting);
        for (Set<Thread> threads : List.of(liveNow, exitingNow)) {
            for (Thread thread : threads) {
                if (thread.getState() == Thread.State.NEW && live.remove(thread)) {
                    liveCount.decrementAndGet(); // made, but its starter (a pool) failed to start it
                    continue;
                }
                if (!thread.isAlive() || ABANDONED.contains(thread)) {
                    continue;
                }
                while (thread.isAlive() && !ABANDONED.contains(thread)) { // it may be abandoned while we wait
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    thread.join(Duration.ofNanos(Math.min(left, JOIN_SLICE_NANOS)));
                }
            }
        }
        exiting.clear();
        return true;
    }

    /** Forgets the exiting threads that have terminated, wherever they are in the queue. */
    private void dropTerminated() {
        if (!exiting.isEmpty()) {
            exiting.removeIf(t -> !t.isAlive());
        }
    }
}
