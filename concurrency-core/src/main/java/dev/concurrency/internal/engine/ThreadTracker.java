package dev.concurrency.internal.engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Creates an engine's threads and knows them all, so that the engine can
 * report how many are alive and, when it terminates, join every one of them:
 * "terminated" then means no thread of the engine is alive, not merely that
 * they have finished their work.
 *
 * <p>A thread moves from {@code live} to {@link ExitingThreads} as its last
 * act, which forgets those that have terminated as others come, so a
 * long-lived engine, such as a server's, does not accumulate them; and a
 * thread forgets its work once it has run it. This class is thread-safe.
 */
public final class ThreadTracker implements ThreadFactory {

    /** How long one join waits before checking whether its thread was abandoned meanwhile. */
    static final long JOIN_SLICE_NANOS = 50_000_000;
    /** Threads of any tracker left to finish on their own: not joined, as nothing can stop them. */
    private static final Set<Thread> ABANDONED = ConcurrentHashMap.newKeySet();

    private final Thread.Builder builder;
    /** Each thread made and not yet finished. */
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final ExitingThreads exiting = new ExitingThreads();

    /**
     * @param builder makes the threads (platform or virtual, with their names)
     */
    public ThreadTracker(Thread.Builder builder) {
        this.builder = builder;
    }

    @Override
    public Thread newThread(Runnable work) {
        Tracked tracked = new Tracked(work);
        Thread thread = builder.unstarted(tracked);
        tracked.thread = thread;
        live.add(thread);
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
            live.remove(thread);
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
                reclaim(thread);
                exiting.add(thread);
                live.remove(thread);
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
     * The abandoned code has ended after all: its thread goes on serving (a
     * pool's) and is joined again like any other, or is about to end.
     *
     * @param thread the calling thread, typically
     * @return whether it had been abandoned
     */
    public static boolean reclaim(Thread thread) {
        return !ABANDONED.isEmpty() && ABANDONED.remove(thread);
    }

    /** @return how many threads are abandoned and still alive, of every tracker */
    static int abandonedCount() {
        return ABANDONED.size();
    }

    /** @return the threads abandoned and still alive, of every tracker */
    static Iterable<Thread> abandonedThreads() {
        return ABANDONED;
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
        return live.size();
    }

    /**
     * Waits until every thread made so far has terminated.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value to give up at
     * @return whether all have terminated
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean joinAll(long deadlineNanos) throws InterruptedException {
        // live before exiting: a thread joins exiting before it leaves live, so it is in one or the other
        for (Thread thread : new java.util.ArrayList<>(live)) {
            if (thread.getState() == Thread.State.NEW) {
                live.remove(thread); // made, but its starter (a pool) failed to start it
                continue;
            }
            if (!join(thread, deadlineNanos)) {
                return false;
            }
        }
        return exiting.joinAll(thread -> join(thread, deadlineNanos));
    }

    /** Joins a thread unless it is (or becomes, while we wait) abandoned; {@code false} at the deadline. */
    static boolean join(Thread thread, long deadlineNanos) throws InterruptedException {
        while (thread.isAlive() && !ABANDONED.contains(thread)) { // it may be abandoned while we wait
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            thread.join(Duration.ofNanos(Math.min(left, JOIN_SLICE_NANOS)));
        }
        return true;
    }
}
