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
    /** Each thread made and not yet finished, with its work (which carries the thread's tag). */
    private final ConcurrentHashMap<Thread, Tracked> live = new ConcurrentHashMap<>();
    private final ExitingThreads exiting = new ExitingThreads();

    /**
     * @param builder makes the threads (platform or virtual, with their names)
     */
    public ThreadTracker(Thread.Builder builder) {
        this.builder = builder;
    }

    /** Runs a {@link Runnable} given as a thread's work. */
    private static final java.util.function.Consumer<Object> RUN = work -> ((Runnable) work).run();

    @Override
    public Thread newThread(Runnable work) {
        return newThread(RUN, work, null);
    }

    @SuppressWarnings("unchecked")
    private Thread newThread(java.util.function.Consumer<?> action, Object argument, Object tag) {
        Tracked tracked = new Tracked((java.util.function.Consumer<Object>) action, argument, tag);
        Thread thread = builder.unstarted(tracked);
        tracked.thread = thread;
        live.put(thread, tracked);
        return thread;
    }

    /**
     * Makes and starts a thread; if it cannot start, forgets it and rethrows.
     *
     * @param work what the thread runs
     * @return the started thread
     */
    public Thread start(Runnable work) {
        return start(work, null);
    }

    /**
     * Makes and starts a thread that carries a tag while it lives ({@link #liveTags()});
     * if it cannot start, forgets it and rethrows.
     *
     * @param work what the thread runs
     * @param tag  what the thread stands for, or {@code null}
     * @return the started thread
     */
    public Thread start(Runnable work, Object tag) {
        return start(RUN, work, tag);
    }

    /**
     * Makes and starts a thread that runs {@code action} on {@code argument}: a
     * shared action spares each thread an object of its own for its work.
     *
     * @param action   what the thread does
     * @param argument what it does it to
     * @param <A>      the argument's type
     * @return the started thread
     */
    public <A> Thread start(java.util.function.Consumer<? super A> action, A argument) {
        return start(action, argument, null);
    }

    private Thread start(java.util.function.Consumer<?> action, Object argument, Object tag) {
        Thread thread = newThread(action, argument, tag);
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
        private java.util.function.Consumer<Object> action;
        private Object argument;
        private final Object tag;
        private Thread thread;

        Tracked(java.util.function.Consumer<Object> action, Object argument, Object tag) {
            this.action = action;
            this.argument = argument;
            this.tag = tag;
        }

        @Override
        public void run() {
            try {
                java.util.function.Consumer<Object> a = action;
                Object w = argument;
                action = null;
                argument = null;
                if (a == RUN) {
                    ((Runnable) w).run(); // a frame less under a coroutine's code
                } else {
                    a.accept(w);
                }
            } finally {
                if (!ABANDONED.isEmpty()) {
                    ABANDONED.remove(thread);
                }
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
     * The abandoned code has ended after all and its thread goes on serving
     * (a pool's): it is joined again like any other.
     *
     * @param thread the calling thread, typically
     * @return whether it had been abandoned
     */
    public static boolean reclaim(Thread thread) {
        return !ABANDONED.isEmpty() && ABANDONED.remove(thread);
    }

    /** @return whether any thread is abandoned and still alive */
    static boolean hasAbandoned() {
        return !ABANDONED.isEmpty();
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
        for (Thread thread : live.keySet()) {
            if (thread.isAlive() && ABANDONED.add(thread)) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    /** @return whether the calling thread is one this tracker made and that has not finished */
    public boolean ownsCurrentThread() {
        return live.containsKey(Thread.currentThread());
    }

    /** @return the tags of the threads made and not yet finished, those given one */
    public List<Object> liveTags() {
        List<Object> tags = new java.util.ArrayList<>();
        for (Tracked tracked : live.values()) {
            if (tracked.tag != null) {
                tags.add(tracked.tag);
            }
        }
        return tags;
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
        for (Thread thread : new java.util.ArrayList<>(live.keySet())) {
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
