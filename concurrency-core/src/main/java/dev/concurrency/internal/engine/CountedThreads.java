package dev.concurrency.internal.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates an engine's short-lived threads and knows how many are alive, so
 * that the engine can report them and, when it terminates, wait until none
 * is: the {@link ThreadTracker} of an engine whose threads come and go with
 * its tasks (one virtual thread each), without a set of them.
 *
 * <p>A thread started by {@link Thread#start()} is already in the JDK's own
 * set of threads, and a second set here cost each task as much as the rest
 * of the engine's bookkeeping. A thread is known as this tracker's by its
 * uncaught-exception handler, which the tracker sets when it makes it (and
 * which logs what escapes a thread's work); a count tells how many are alive.
 * Threads that have done their work go to {@link ExitingThreads} before they
 * leave the count, so that {@link #joinAll} returns once they have
 * terminated, and it does not wait for {@link ThreadTracker#abandon}ed ones.
 * This class is thread-safe.
 */
public final class CountedThreads {

    private static final Logger log = LoggerFactory.getLogger(CountedThreads.class);

    private final Thread.Builder builder;
    /** Set on each thread made here: it tells them from any other, so each tracker has its own. */
    private final Thread.UncaughtExceptionHandler mark = new Mark();
    private final AtomicInteger live = new AtomicInteger();
    private final ExitingThreads exiting = new ExitingThreads();
    /** Threads in {@link #joinAll}, woken as the count drops to what may be only abandoned threads. */
    private final Queue<Thread> joiners = new ConcurrentLinkedQueue<>();

    /**
     * @param builder makes the threads; this tracker sets its uncaught-exception handler
     */
    public CountedThreads(Thread.Builder builder) {
        this.builder = builder.uncaughtExceptionHandler(mark);
    }

    /** Logs what escapes a thread's work (the JDK's default would print it). */
    private static final class Mark implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            log.error("{} ended with an uncaught throwable", thread, error);
        }
    }

    /**
     * Makes and starts a thread that runs {@code action} on {@code argument}; if
     * it cannot start, forgets it and rethrows.
     *
     * @param action   what the thread does: shared by many threads, it spares each an object of its own
     * @param argument what it does it to
     * @param <A>      the argument's type
     * @return the started thread
     */
    public <A> Thread start(Consumer<? super A> action, A argument) {
        return startSelfCounted(new Counted<>(action, argument));
    }

    /**
     * Makes and starts a thread whose work leaves the count itself, calling
     * {@link #exited()} as its last act (in a {@code finally}): an object and a
     * frame less per thread than {@link #start}, for a coroutine's
     * own record, whose stack each park copies. If it cannot start, forgets it
     * and rethrows.
     *
     * @param work what the thread runs, ending with {@link #exited()}
     * @return the started thread
     */
    public Thread startSelfCounted(Runnable work) {
        Thread thread = builder.unstarted(work);
        live.incrementAndGet();
        try {
            thread.start();
        } catch (Throwable t) {
            left();
            throw t;
        }
        return thread;
    }

    /** A thread's work, then its leaving the count as its last act. */
    private final class Counted<A> implements Runnable {
        /** Dropped once run: an ended thread kept until it is joined must not keep what its work held. */
        private Consumer<? super A> action;
        private A argument;

        Counted(Consumer<? super A> action, A argument) {
            this.action = action;
            this.argument = argument;
        }

        @Override
        public void run() {
            Consumer<? super A> a = action;
            A w = argument;
            action = null;
            argument = null;
            try {
                a.accept(w);
            } finally {
                exited();
            }
        }
    }

    /** The calling thread, one of this tracker's, has done its work: its last act. */
    public void exited() {
        Thread self = Thread.currentThread();
        ThreadTracker.reclaim(self); // no longer left to itself, if it was: it is about to end
        exiting.add(self);
        left();
    }

    /** One thread fewer; wakes the joiners once those left may all be abandoned. */
    private void left() {
        int now = live.decrementAndGet();
        if (!joiners.isEmpty() && (now == 0 || now <= ThreadTracker.abandonedCount())) {
            joiners.forEach(LockSupport::unpark);
        }
    }

    /** @return whether the calling thread is one this tracker made and that has not terminated */
    public boolean ownsCurrentThread() {
        return Thread.currentThread().getUncaughtExceptionHandler() == mark;
    }

    /** @return threads made and not yet finished */
    public int liveCount() {
        return live.get();
    }

    /**
     * Waits until every thread made so far has terminated, but for those abandoned.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value to give up at
     * @return whether all have terminated
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean joinAll(long deadlineNanos) throws InterruptedException {
        Thread self = Thread.currentThread();
        joiners.add(self);
        try {
            while (live.get() > abandonedHere()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, ThreadTracker.JOIN_SLICE_NANOS));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            joiners.remove(self);
        }
        return exiting.joinAll(thread -> ThreadTracker.join(thread, deadlineNanos));
    }

    /** @return how many of the abandoned threads still alive are this tracker's */
    private int abandonedHere() {
        int n = 0;
        for (Thread thread : ThreadTracker.abandonedThreads()) {
            if (thread.getUncaughtExceptionHandler() == mark) {
                n++; // a terminated thread's handler reads null
            }
        }
        return n;
    }
}
