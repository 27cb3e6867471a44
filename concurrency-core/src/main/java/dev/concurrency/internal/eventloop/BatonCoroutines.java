package dev.concurrency.internal.eventloop;

import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.ThreadTracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The fallback mechanism, which needs no JVM flag: each task is an ordinary
 * virtual thread, and the loop hands a baton to one of them at a time. While a
 * task holds the baton the loop thread waits; when the task waits it hands
 * the baton back. Semantics of a single-threaded loop are kept by hand.
 *
 * <p>Hazards (FACTS.md): a task that blocks in plain {@code java.io} or
 * {@code Thread.sleep} keeps the baton and stalls every task of its loop (the
 * watchdog names it); a task that waits on a lock held by a suspended task
 * deadlocks its loop.
 *
 * <pre>
 *  coroutine  | waits for                         | then
 *  -----------+-----------------------------------+--------------------------------
 *  starting   | the loop's grant (loop.holder==me)| runs its task's code
 *  suspended  | the loop's grant; on an interrupt | re-checks why it waited
 *             | it asks for one itself            |
 *  ended      | -                                 | grants to it are ignored
 * </pre>
 */
final class BatonCoroutines extends Coroutines {

    private final ThreadTracker threads;

    BatonCoroutines(String threadName) {
        this.threads = new ThreadTracker(Thread.ofVirtual().name(threadName + "task-", 0));
    }

    @Override
    void start(EventLoop loop, TaskInfo task, Runnable body) {
        Baton baton = new Baton(task, loop);
        Thread thread = threads.newThread(() -> {
            awaitGrant(loop, baton);
            try {
                body.run();
            } finally {
                baton.ended = true;
                BATONS.remove(Thread.currentThread());
                giveBack(loop);
                loop.coroutineEnded();
            }
        });
        baton.thread = thread;
        BATONS.put(thread, baton);
        loop.coroutineStarted();
        loop.execute(() -> grant(loop, baton));
        try {
            thread.start();
        } catch (Throwable t) {
            baton.ended = true;
            BATONS.remove(thread);
            loop.coroutineEnded();
            throw t;
        }
    }

    @Override
    void suspend(EventLoop loop) {
        Thread me = Thread.currentThread();
        Baton baton = BATONS.get(me);
        giveBack(loop);
        awaitGrant(loop, baton);
        assert loop.inLoop() && me == baton.thread;
    }

    @Override
    void wake(EventLoop loop, Thread coroutine) {
        Baton baton = batonOf(coroutine);
        if (baton != null) {
            loop.execute(() -> grant(loop, baton));
        }
    }

    @Override
    void abandon(EventLoop loop) {
        for (Baton baton : BATONS.values()) {
            if (baton.loop == loop && baton.thread != null) {
                ThreadTracker.abandon(baton.thread);
                BATONS.remove(baton.thread); // it waits for a grant that never comes: let it be collected
            }
        }
    }

    @Override
    boolean ownsCurrentThread() {
        return threads.ownsCurrentThread();
    }

    @Override
    int liveThreads() {
        return threads.liveCount();
    }

    @Override
    boolean joinAll(long deadlineNanos) throws InterruptedException {
        return threads.joinAll(deadlineNanos);
    }

    @Override
    String describe() {
        return "virtual threads taking turns with a baton";
    }

    /** The baton of each live coroutine. */
    private static final Map<Thread, Baton> BATONS = new ConcurrentHashMap<>();

    private static Baton batonOf(Thread coroutine) {
        return BATONS.get(coroutine);
    }

    /** On the loop thread: lets the coroutine run, and waits until it gives the loop back. */
    private static void grant(EventLoop loop, Baton baton) {
        if (baton.ended || baton.thread == null) {
            return;
        }
        loop.running(baton.task);
        loop.handTo(baton.thread);
        LockSupport.unpark(baton.thread);
        while (loop.holder() == baton.thread) {
            LockSupport.park(loop);
        }
        loop.running(null);
    }

    /** On the coroutine: hands the loop back to its thread. */
    private static void giveBack(EventLoop loop) {
        loop.takeBack();
        LockSupport.unpark(loop.thread());
    }

    /** On the coroutine: waits until the loop is handed to it; an interrupt asks the loop for it early. */
    private static void awaitGrant(EventLoop loop, Baton baton) {
        Thread me = Thread.currentThread();
        boolean interrupted = false;
        while (loop.holder() != me) {
            LockSupport.park(loop);
            if (Thread.interrupted() && !interrupted) {
                interrupted = true;
                loop.execute(() -> grant(loop, baton));
            }
        }
        if (interrupted) {
            me.interrupt();
        }
    }

    /** One coroutine's state. */
    private static final class Baton {
        final TaskInfo task;
        final EventLoop loop;
        volatile Thread thread;
        volatile boolean ended;

        Baton(TaskInfo task, EventLoop loop) {
            this.task = task;
            this.loop = loop;
        }
    }
}
