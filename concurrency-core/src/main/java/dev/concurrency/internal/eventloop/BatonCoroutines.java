package dev.concurrency.internal.eventloop;

import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.ThreadTracker;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The fallback mechanism, which needs no JVM flag: each task is an ordinary
 * virtual thread, and the loop hands a baton to one of them at a time. While a
 * task holds the baton the loop thread waits; when the task waits it hands
 * the baton back. Semantics of a single-threaded loop are kept by hand.
 *
 * <p>Hazards: a task that blocks in plain {@code java.io} or
 * {@code Thread.sleep} keeps the baton and stalls every task of its loop (the
 * watchdog names it); a task that waits on a lock held by a suspended task
 * deadlocks its loop. Either lasts until the task is abandoned (its timeout
 * or the run's deadline, plus the grace) and has held the loop for a grace in
 * one turn: the loop then takes the baton back and goes on without it. The abandoned coroutine is detached: it runs on its
 * own when it wakes, and its next wait on the loop throws a
 * {@link CancellationException}.
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BatonCoroutines.class);
    /** How often a loop waiting for its coroutine checks whether that coroutine was abandoned. */
    private static final long ABANDON_CHECK_NANOS = 50_000_000;
    /** How long an abandoned coroutine must have held its loop, in one turn, before the loop detaches it. */
    private static final long HELD_BEFORE_DETACH_NANOS = dev.concurrency.internal.engine.Durations.STOP_GRACE.toNanos();

    /**
     * Whether the loops are virtual threads themselves, on the JDK's scheduler
     * like the coroutines: a hand-over of the baton is then a switch of
     * continuations on one carrier (the one giving it parks, the carrier runs
     * the one given it next) rather than waking another OS thread. From JDK 22,
     * where a virtual thread's {@code Selector.select} parks it rather than
     * its carrier.
     */
    static final boolean LOOPS_VIRTUAL = Runtime.version().feature() >= 22;

    private final ThreadTracker threads;

    BatonCoroutines(String threadName) {
        this.threads = new ThreadTracker(Thread.ofVirtual().name(threadName + "task"));
    }

    @Override
    void start(EventLoop loop, TaskInfo task, Runnable body, EventLoop.Member member) {
        Baton baton = new Baton(task, loop);
        loop.join(member);
        Thread thread;
        try {
            thread = threads.newThread(() -> {
                try {
                    awaitGrant(loop, baton);
                    body.run();
                } finally {
                    loop.leave(member);
                    baton.ended = true;
                    BATONS.remove(Thread.currentThread());
                    giveBack(loop);
                    baton.leave();
                }
            });
        } catch (RuntimeException | Error e) {
            loop.leave(member);
            throw e;
        }
        baton.thread = thread;
        BATONS.put(thread, baton);
        loop.coroutineStarted();
        loop.execute(new Grant(loop, baton));
        try {
            thread.start();
        } catch (Throwable t) {
            loop.leave(member);
            baton.ended = true;
            BATONS.remove(thread);
            baton.leave();
            throw t;
        }
    }

    @Override
    void suspend(EventLoop loop) {
        Thread me = Thread.currentThread();
        Baton baton = BATONS.get(me);
        if (!giveBack(loop)) {
            throw detached(baton);
        }
        awaitGrant(loop, baton);
        assert loop.inLoop() && me == baton.thread;
    }

    @Override
    void wake(EventLoop loop, Thread coroutine) {
        Baton baton = batonOf(coroutine);
        if (baton != null) {
            loop.execute(new Grant(loop, baton));
        }
    }

    /**
     * The task on {@code thread} was abandoned: if it is a coroutine, its loop,
     * which may be waiting without a timeout for it to give the baton back, is
     * woken to check (and to detach it once it has held the loop for the grace).
     *
     * @param thread the abandoned task's thread
     */
    void abandoned(Thread thread) {
        Baton baton = batonOf(thread);
        if (baton != null) {
            LockSupport.unpark(baton.loop.thread());
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

    /**
     * An interrupted coroutine (a cancellation, a timeout) wakes on its own
     * thread and then asks its loop for a grant; it keeps its interrupt status
     * until it has asked, so that a coroutine interrupted and not yet heard from
     * is seen here.
     */
    @Override
    boolean wakingElsewhere(EventLoop loop) {
        for (Baton baton : BATONS.values()) {
            Thread thread = baton.thread;
            if (baton.loop == loop && thread != null && thread != loop.holder() && thread.isInterrupted()) {
                return true;
            }
        }
        return false;
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

    /**
     * How long the loop thread waits in place for a coroutine's step to give
     * the loop back, before it parks: none on a single processor, where it
     * would keep the coroutine from running.
     */
    private static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1 && !LOOPS_VIRTUAL
            ? 20_000 : 0;

    /** The baton of each live coroutine. */
    private static final Map<Thread, Baton> BATONS = new ConcurrentHashMap<>();

    private static Baton batonOf(Thread coroutine) {
        return BATONS.get(coroutine);
    }

    /**
     * On the loop thread: lets the coroutine run, and waits until it gives the
     * loop back, or until it is abandoned holding it (it blocks outside the
     * loop's waits, past its timeout and the grace): the loop then takes itself
     * back and detaches the coroutine.
     */
    private static void grant(EventLoop loop, Baton baton) {
        if (baton.ended || baton.detached || baton.thread == null) {
            return;
        }
        loop.running(baton.task);
        long granted = System.nanoTime();
        loop.handTo(baton.thread);
        LockSupport.unpark(baton.thread);
        long spinUntil = granted + SPIN_NANOS;
        boolean parked = false;
        while (loop.holder() == baton.thread) {
            if (SPIN_NANOS > 0 && System.nanoTime() - spinUntil < 0) {
                Thread.onSpinWait(); // most steps are short: waiting in place spares the loop a park and a wake-up
                continue;
            }
            if (!parked && LOOPS_VIRTUAL && !ThreadTracker.isAbandoned(baton.thread)) {
                // a virtual loop's timed park costs a timer each time: it parks without one first; the coroutine
                // giving the loop back, or being abandoned from now on (abandoned(Thread)), unparks it
                parked = true;
                LockSupport.park(loop);
                continue;
            }
            LockSupport.parkNanos(loop, ABANDON_CHECK_NANOS);
            // only a coroutine stuck for the whole grace is detached: one abandoned earlier that now runs a
            // short step (unwinding its cancellation, closing its connections) is still the loop's, and waited for
            if (ThreadTracker.isAbandoned(baton.thread) && System.nanoTime() - granted >= HELD_BEFORE_DETACH_NANOS
                    && loop.takeBack(baton.thread)) {
                baton.detached = true;
                LockSupport.unpark(baton.thread);
                baton.leave();
                log.warn("{}: its coroutine was abandoned holding {}; the loop goes on without it", baton.task,
                        loop);
            }
        }
        loop.running(null);
    }

    /**
     * On the coroutine: hands the loop back to its thread.
     *
     * @return whether it held the loop ({@code false}: the coroutine was detached)
     */
    private static boolean giveBack(EventLoop loop) {
        if (!loop.takeBack(Thread.currentThread())) {
            return false;
        }
        LockSupport.unpark(loop.thread());
        return true;
    }

    private static CancellationException detached(Baton baton) {
        return new CancellationException(baton.task + " was abandoned holding its loop; it no longer runs there");
    }

    /** On the coroutine: waits until the loop is handed to it; an interrupt asks the loop for it early. */
    private static void awaitGrant(EventLoop loop, Baton baton) {
        Thread me = Thread.currentThread();
        boolean interrupted = false;
        while (loop.holder() != me) {
            if (baton.detached) {
                throw detached(baton);
            }
            LockSupport.park(loop);
            if (me.isInterrupted()) {
                if (!interrupted) {
                    interrupted = true;
                    loop.execute(new Grant(loop, baton));
                }
                Thread.interrupted(); // only after the grant is asked for: see wakingElsewhere
            }
        }
        if (interrupted) {
            me.interrupt();
        }
    }

    /** Hands the loop to a coroutine, on the loop; in a simulated run, in the coroutine's own lane. */
    private record Grant(EventLoop loop, Baton baton) implements Runnable, Simulation.Laned {
        @Override
        public void run() {
            grant(loop, baton);
        }

        @Override
        public Object lane() {
            return baton;
        }
    }

    /** One coroutine's state. */
    private static final class Baton {
        final TaskInfo task;
        final EventLoop loop;
        volatile Thread thread;
        volatile boolean ended;
        /** Abandoned holding the loop, which took itself back: the coroutine no longer runs there. */
        volatile boolean detached;
        private final java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();

        Baton(TaskInfo task, EventLoop loop) {
            this.task = task;
            this.loop = loop;
        }

        /** The loop no longer waits for this coroutine (it ended, or was detached); once. */
        void leave() {
            if (left.compareAndSet(false, true)) {
                loop.coroutineEnded();
            }
        }
    }
}
