package dev.concurrency.internal.eventloop;

import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.CountedThreads;
import dev.concurrency.internal.engine.ThreadTracker;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast mechanism: each task is a virtual thread whose scheduler is its
 * loop, so its continuation runs on the loop thread, one at a time, and a
 * park gives the loop back. Each task is a real {@link Thread}:
 * {@code synchronized}, {@link ThreadLocal}s and locks keep their meaning per
 * task, and a plain blocking JDK call parks the task, not the loop.
 *
 * <p>The JDK has no public way to give a virtual thread a scheduler; this uses
 * the non-public {@code java.lang.ThreadBuilders$VirtualThreadBuilder(Executor)}
 * constructor, reached by reflection (so the code compiles with
 * {@code --release 21} and needs no JDK internals at compile time). The JVM
 * must open {@code java.lang} to this code: {@link #FLAG}.
 *
 * <p>Hazard: the JDK starts its I/O poller threads lazily, and
 * they inherit the scheduler of the thread that triggers them; started from a
 * task they would run on a loop and hang socket I/O once it ends. The poller
 * class is therefore initialised from a platform thread first.
 */
final class ScheduledCoroutines extends Coroutines {

    private static final Logger log = LoggerFactory.getLogger(ScheduledCoroutines.class);

    /** The flag that enables this mechanism. */
    static final String FLAG = "--add-opens java.base/java.lang="
            + (ScheduledCoroutines.class.getModule().isNamed()
                    ? ScheduledCoroutines.class.getModule().getName() : "ALL-UNNAMED");

    private static final Constructor<?> BUILDER = openBuilder();

    private final String threadName;
    private final Map<EventLoop, CountedThreads> perLoop = new ConcurrentHashMap<>();
    /** The trackers of {@link #perLoop}, cheap to go through for every task's figures. */
    private final java.util.List<CountedThreads> trackers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ScheduledCoroutines(String threadName) {
        this.threadName = threadName;
    }

    /**
     * @param threadName the prefix of the coroutines' thread names
     * @return the mechanism, if the JVM opens what it needs
     */
    static Optional<ScheduledCoroutines> create(String threadName) {
        return BUILDER == null ? Optional.empty() : Optional.of(new ScheduledCoroutines(threadName));
    }

    @Override
    void start(EventLoop loop, TaskInfo task, Runnable body, EventLoop.Member member) {
        CountedThreads tracker = perLoop.computeIfAbsent(loop, this::trackerFor);
        loop.coroutineStarted();
        try {
            // if the loop dies before the coroutine begins, its first step runs elsewhere and fails the member
            tracker.startSelfCounted(new Body(loop, tracker, task, body, member));
        } catch (Throwable t) {
            loop.coroutineEnded();
            throw t;
        }
    }

    /**
     * A coroutine's code: its task, bracketed by what the loop must know. One
     * object, to keep coroutines small. The loop knows it from its first step
     * to its end, and tells its member if it dies meanwhile; a coroutine whose
     * loop died before it began fails its member itself, off the loop.
     */
    private static final class Body implements Runnable, EventLoop.Coroutine {
        private final EventLoop loop;
        private final CountedThreads threads;
        private final TaskInfo task;
        private final Runnable code;
        private final EventLoop.Member member;
        private Thread thread;

        Body(EventLoop loop, CountedThreads threads, TaskInfo task, Runnable code, EventLoop.Member member) {
            this.loop = loop;
            this.threads = threads;
            this.task = task;
            this.code = code;
            this.member = member;
        }

        @Override
        public EventLoop.Member member() {
            return member;
        }

        @Override
        public Object task() {
            return task;
        }

        @Override
        public Thread thread() {
            return thread;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            if (loop.failure() != null) {
                try {
                    member.loopFailed(loop.died());
                } finally {
                    loop.coroutineEnded();
                    threads.exited();
                }
                return;
            }
            loop.bindCoroutine(this);
            try {
                code.run();
            } finally {
                loop.unbindCoroutine();
                loop.coroutineEnded();
                threads.exited(); // its last act: the thread counts itself out (no wrapper, no frame)
            }
        }
    }

    private CountedThreads trackerFor(EventLoop loop) {
        Executor scheduler = loop::executeCoroutineStep;
        try {
            Thread.Builder.OfVirtual builder = (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
            CountedThreads tracker = new CountedThreads(builder.name(threadName + "loop-" + loop.index() + "-task"));
            trackers.add(tracker);
            return tracker;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make virtual threads scheduled by " + loop, e);
        }
    }

    @Override
    void suspend(EventLoop loop) {
        LockSupport.park(loop);
    }

    @Override
    void wake(EventLoop loop, Thread coroutine) {
        LockSupport.unpark(coroutine);
    }

    @Override
    void abandon(EventLoop loop) {
        // those yet to begin are not abandoned: their first steps run elsewhere and end them promptly
        for (Thread thread : loop.boundCoroutineThreads()) {
            ThreadTracker.abandon(thread);
        }
    }

    @Override
    boolean ownsCurrentThread() {
        for (CountedThreads tracker : trackers) {
            if (tracker.ownsCurrentThread()) {
                return true;
            }
        }
        return false;
    }

    @Override
    int liveThreads() {
        int live = 0;
        for (CountedThreads tracker : trackers) {
            live += tracker.liveCount();
        }
        return live;
    }

    @Override
    boolean joinAll(long deadlineNanos) throws InterruptedException {
        for (CountedThreads tracker : trackers) {
            if (!tracker.joinAll(deadlineNanos)) {
                return false;
            }
        }
        return true;
    }

    @Override
    String describe() {
        return "virtual threads scheduled by the loop";
    }

    private static Constructor<?> openBuilder() {
        try {
            Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> constructor = builder.getDeclaredConstructor(Executor.class);
            constructor.setAccessible(true);
            JdkPollers.initialiseFromPlatformThread();
            return constructor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("virtual threads with a custom scheduler are not available: {}", e.toString());
            return null;
        }
    }
}
