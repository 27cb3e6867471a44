package dev.concurrency.internal.eventloop;

import dev.concurrency.internal.engine.ThreadTracker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a task that keeps its loop too long without giving it back — the
 * mistake gevent and asyncio users make with plain blocking calls. A daemon
 * thread samples each loop's step counter and what it runs; when both have
 * not moved for the threshold, it logs one WARN naming the task, with the
 * stack of the task's thread. Each task is reported once. Costs the loop two
 * volatile writes per step.
 */
final class LoopWatchdog {

    private static final Logger log = LoggerFactory.getLogger(LoopWatchdog.class);

    private final List<EventLoop> loops;
    private final long thresholdNanos;
    private final String strategy;
    private final Thread thread;
    private volatile boolean stopped;

    LoopWatchdog(List<EventLoop> loops, Duration threshold, String strategy, ThreadTracker threads) {
        this.loops = loops;
        this.thresholdNanos = dev.concurrency.internal.engine.Durations.delayNanos(threshold);
        this.strategy = strategy;
        this.thread = threads.start(this::watch);
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    private void watch() {
        int n = loops.size();
        long[] steps = new long[n];
        Object[] running = new Object[n];
        long[] since = new long[n];
        Object[] reported = new Object[n];
        long period = Math.max(1_000_000, thresholdNanos / 4);
        while (!stopped) {
            LockSupport.parkNanos(this, period);
            long now = System.nanoTime();
            for (int i = 0; i < n; i++) {
                EventLoop loop = loops.get(i);
                long s = loop.steps();
                Object r = loop.running();
                if (s != steps[i] || r != running[i] || r == null) {
                    steps[i] = s;
                    running[i] = r;
                    since[i] = now;
                } else if (now - since[i] >= thresholdNanos && reported[i] != r) {
                    reported[i] = r;
                    report(loop, r, now - since[i]);
                }
            }
        }
    }

    private void report(EventLoop loop, Object task, long heldNanos) {
        Thread holder = loop.holder();
        Thread shown = holder != null ? holder : loop.thread();
        StackTraceElement[] stack = shown.getStackTrace();
        BlockedLoop where = new BlockedLoop(shown.getName());
        where.setStackTrace(stack);
        log.warn("{}: {} has kept {} for {} ms without giving it back; the loop's other tasks wait meanwhile. "
                        + "Wait through the TaskContext (ctx.sleep, ctx.connect, ctx.blocking for blocking calls) "
                        + "and call ctx.checkpoint() in long computations.{} Stack of {}:{}",
                strategy, task, loop, heldNanos / 1_000_000, simulated(loop), shown.getName(),
                stack.length == 0 ? " (not available)" : "", where);
    }

    /** @return what a report adds in a simulated run: what the task does there escapes the simulation */
    private static String simulated(EventLoop loop) {
        Simulation simulation = loop.simulation();
        return simulation == null ? "" : " This run is simulated (simulated(" + simulation.seed() + ")), and what "
                + "the task does meanwhile escapes the simulation: Thread.sleep, the JDK's own sockets and other "
                + "waits outside the TaskContext neither move the virtual clock nor take part in the seeded order.";
    }

    /** Carries the stack of the thread that holds a loop. */
    private static final class BlockedLoop extends Throwable {
        private static final long serialVersionUID = 1L;

        BlockedLoop(String thread) {
            super("stack of " + thread, null, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    @Override
    public String toString() {
        return "LoopWatchdog" + Arrays.toString(loops.toArray());
    }
}
