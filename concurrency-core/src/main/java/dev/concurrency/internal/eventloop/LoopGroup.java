package dev.concurrency.internal.eventloop;

import dev.concurrency.LoopOptions;
import dev.concurrency.internal.engine.CompensatingPool;
import dev.concurrency.internal.engine.Durations;
import dev.concurrency.internal.engine.ThreadTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loops of one runner (one thread each), the pool that runs
 * {@code blocking(...)} work off the loops, and the watchdog. Tasks are spread
 * over the loops in turn. This class is thread-safe.
 */
final class LoopGroup {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoopGroup.class);

    /**
     * Threads for blocking work: made on demand, let go after a few idle seconds, and one more for each
     * piece of work cancelled while it ran that has not returned yet.
     */
    private static final int BLOCKING_THREADS = 64;

    private final List<EventLoop> loops = new ArrayList<>();
    private final ThreadTracker loopThreads;
    private final ThreadTracker blockingThreads;
    private final CompensatingPool blockingPool;
    private final ThreadTracker watchdogThreads;
    private final LoopWatchdog watchdog;
    private final AtomicInteger next = new AtomicInteger();
    /** When {@link #shutdown} was called ({@link System#nanoTime()}). */
    private volatile long shutdownNanos;

    LoopGroup(LoopOptions options, String strategy, String name) {
        this(options, strategy, name, false);
    }

    /**
     * @param virtualLoops whether the loop threads are virtual threads (see {@link BatonCoroutines#LOOPS_VIRTUAL})
     */
    LoopGroup(LoopOptions options, String strategy, String name, boolean virtualLoops) {
        Long seed = options.simulatedSeed().isPresent() ? options.simulatedSeed().getAsLong() : null;
        this.loopThreads = new ThreadTracker(virtualLoops && seed == null ? Thread.ofVirtual()
                : Thread.ofPlatform().daemon(true));
        for (int i = 0; i < options.loops(); i++) {
            try {
                loops.add(new EventLoop(name + "loop-" + i, i, loopThreads, seed));
            } catch (RuntimeException | OutOfMemoryError e) { // out of file descriptors, or of threads
                closeMadeLoops();
                throw new IllegalStateException(strategy + " could make only " + i + " of its " + options.loops()
                        + " loops (" + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage())
                        + "); those were closed. Ask for fewer loops, or raise the"
                        + " limits on open files (ulimit -n) and threads", e);
            }
        }
        this.blockingThreads = new ThreadTracker(Thread.ofPlatform().daemon(true).name(name + "blocking-", 0));
        this.blockingPool = new CompensatingPool(BLOCKING_THREADS, blockingThreads);
        this.watchdogThreads = new ThreadTracker(Thread.ofPlatform().daemon(true).name(name + "watchdog"));
        Optional<java.time.Duration> threshold = options.blockedLoopWarning();
        this.watchdog = threshold
                .map(t -> new LoopWatchdog(loops, t, strategy, watchdogThreads))
                .orElse(null);
    }

    /** Undoes a partly built group: stops the loops made so far and waits (boundedly) until they have closed. */
    private void closeMadeLoops() {
        for (EventLoop loop : loops) {
            loop.stop();
        }
        try {
            if (!loopThreads.joinAll(System.nanoTime() + Durations.STOP_GRACE.toNanos())) {
                log.warn("loops of a group that could not be built in full are still closing; not waiting for them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return every loop of the group */
    List<EventLoop> loops() {
        return loops;
    }

    /** @return the loop for the next task */
    EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** @return the pool for blocking work */
    CompensatingPool blockingPool() {
        return blockingPool;
    }

    /** @return platform threads of the group alive now */
    boolean ownsCurrentThread() {
        return loopThreads.ownsCurrentThread() || blockingThreads.ownsCurrentThread();
    }

    int liveThreads() {
        return loopThreads.liveCount() + blockingThreads.liveCount() + watchdogThreads.liveCount();
    }

    /** Asks the loops to end once idle, and the pool and watchdog to stop. */
    void shutdown() {
        shutdownNanos = System.nanoTime();
        for (EventLoop loop : loops) {
            loop.stop();
        }
        blockingPool.shutdownNow();
        if (watchdog != null) {
            watchdog.stop();
        }
    }

    /**
     * @param deadlineNanos a {@link System#nanoTime()} value to give up at
     * @return whether every thread of the group has terminated
     * @throws InterruptedException if interrupted while waiting
     */
    boolean joinAll(long deadlineNanos) throws InterruptedException {
        // joined once every task has ended: a loop still running a grace later is held by a task's code
        // (a callback that blocks it); it is abandoned, not waited for
        long graceEnd = shutdownNanos + Durations.STOP_GRACE.toNanos();
        if (!loopThreads.joinAll(Math.min(deadlineNanos, graceEnd))) {
            if (System.nanoTime() - graceEnd < 0) {
                return false;
            }
            List<String> blocked = loopThreads.abandonLive();
            if (!blocked.isEmpty()) {
                log.warn("loops still held {} ms after their tasks ended (a task's code blocks them); abandoned, "
                        + "left to finish on their own: {}", Durations.STOP_GRACE.toMillis(), blocked);
            }
        }
        // blocking work is the tasks' own code, interrupted at shutdown; what ignores that is abandoned
        if (!blockingThreads.joinAll(Math.min(deadlineNanos, graceEnd))) {
            if (System.nanoTime() - graceEnd < 0) {
                return false;
            }
            List<String> left = blockingThreads.abandonLive();
            if (!left.isEmpty()) {
                log.warn("blocking work still runs {} ms after its tasks ended and ignores interrupts; "
                        + "abandoned, left to finish on its own: {}", Durations.STOP_GRACE.toMillis(), left);
            }
        }
        return watchdogThreads.joinAll(deadlineNanos);
    }
}
