package dev.concurrency.internal.eventloop;

import dev.concurrency.TaskInfo;

/**
 * How a loop runs direct-style tasks as coroutines: each task is a virtual
 * thread that runs only while it holds its loop, and gives the loop back when
 * it waits. Two mechanisms exist ({@link ScheduledCoroutines}, the fast one,
 * and {@link BatonCoroutines}, the fallback); {@link #select} picks one.
 */
abstract class Coroutines {

    /** Which mechanism: {@code auto} (default), {@code scheduled} or {@code baton}. */
    static final String PROPERTY = "concurrency.coroutines";

    /**
     * Starts a task's coroutine on a loop.
     *
     * @param loop the loop it belongs to
     * @param task the task, for the watchdog and thread names
     * @param body   the task's code
     * @param member told if the loop dies before the coroutine has ended (at most once by the loop; it may be
     *               told again by whoever starts a coroutine as the loop dies, so it must take that)
     */
    abstract void start(EventLoop loop, TaskInfo task, Runnable body, EventLoop.Member member);

    /**
     * Called by the running coroutine: lets its loop run others until
     * {@link #wake} or an interrupt. May return early; callers re-check why
     * they wait. Returns holding the loop.
     *
     * @param loop the coroutine's loop
     */
    abstract void suspend(EventLoop loop);

    /**
     * Called on the loop: a suspended coroutine may go on.
     *
     * @param loop      its loop
     * @param coroutine its thread
     */
    abstract void wake(EventLoop loop, Thread coroutine);

    /**
     * The loop has died: its coroutines will never run again, so they are no
     * longer joined (they are abandoned, not waited for).
     *
     * @param loop the dead loop
     */
    abstract void abandon(EventLoop loop);

    /**
     * Whether a coroutine of {@code loop} has been woken off the loop and is
     * about to hand it work: a simulated loop waits for that work rather than
     * move its clock on. Called on the loop.
     *
     * @param loop the loop
     * @return {@code false} where wake-ups reach the loop at once, as they do by default
     */
    boolean wakingElsewhere(EventLoop loop) {
        return false;
    }

    /** @return coroutines alive now */
    abstract int liveThreads();

    /** @return whether the calling thread is one of these coroutines */
    abstract boolean ownsCurrentThread();

    /**
     * Waits until every coroutine's thread has terminated.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value to give up at
     * @return whether all have
     * @throws InterruptedException if interrupted while waiting
     */
    abstract boolean joinAll(long deadlineNanos) throws InterruptedException;

    /** @return a short description for logs */
    abstract String describe();

    /**
     * Picks the mechanism: the scheduled one where the JVM opens what it needs.
     *
     * @param threadName the prefix of the coroutines' thread names
     * @return the mechanism
     */
    static Coroutines select(String threadName) {
        String wanted = System.getProperty(PROPERTY, "auto");
        return switch (wanted) {
            case "baton" -> new BatonCoroutines(threadName);
            case "scheduled" -> ScheduledCoroutines.create(threadName).orElseThrow(() -> new IllegalStateException(
                    PROPERTY + "=scheduled needs the JVM flag " + ScheduledCoroutines.FLAG));
            case "auto" -> ScheduledCoroutines.create(threadName)
                    .<Coroutines>map(c -> c)
                    .orElseGet(() -> new BatonCoroutines(threadName));
            default -> throw new IllegalArgumentException(
                    PROPERTY + ": " + wanted + " (expected: auto, scheduled or baton)");
        };
    }
}
