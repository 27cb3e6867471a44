package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncTask;
import dev.concurrency.LoopOptions;
import dev.concurrency.internal.engine.ChildLauncher;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.TaskExecution;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of both loop strategies: {@code loops(n)} selector loops, each
 * running one task's step at a time. {@link AsyncTask}s run as chains of
 * callbacks ({@link AsyncRun}); direct-style tasks, under EVENT_LOOP only, as
 * coroutines, whose every wait suspends them so the loop runs others. The
 * continuation style is a part ({@link Coroutines}, absent under CALLBACK),
 * not a subclass. A loop that dies fails its tasks; its coroutines are
 * abandoned rather than waited for. Thread-safe.
 */
final class LoopEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(LoopEngine.class);
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private final LoopGroup group;
    /** The coroutine mechanism; {@code null} where only async tasks run (CALLBACK). */
    private final Coroutines coroutines;
    /** Whether the run is a simulation: its one loop keeps virtual time. */
    private final boolean simulated;

    /**
     * @param setup              the runner's options and thread names
     * @param strategy           the strategy's name, for logs
     * @param runsDirectStyle    whether direct-style tasks run here, as coroutines
     */
    LoopEngine(EngineSetup setup, String strategy, boolean runsDirectStyle) {
        String name = setup.threadNamePrefix();
        this.coroutines = runsDirectStyle ? Coroutines.select(name) : null;
        LoopOptions options = setup.option(LoopOptions.class, LoopOptions.defaults());
        this.simulated = options.simulatedSeed().isPresent();
        this.group = new LoopGroup(options, strategy, name,
                coroutines instanceof BatonCoroutines && BatonCoroutines.LOOPS_VIRTUAL);
        if (coroutines != null) {
            for (EventLoop loop : group.loops()) {
                loop.join(error -> coroutines.abandon(loop));
                loop.watchWakingElsewhere(() -> coroutines.wakingElsewhere(loop));
            }
            announce(coroutines);
        }
    }

    private static void announce(Coroutines coroutines) {
        if (!ANNOUNCED.compareAndSet(false, true)) {
            return;
        }
        if (coroutines instanceof ScheduledCoroutines) {
            log.info("EVENT_LOOP runs tasks as {}", coroutines.describe());
        } else {
            log.warn("EVENT_LOOP runs tasks as {}, the fallback: a task that blocks outside its TaskContext "
                    + "(Thread.sleep, plain java.io, a lock held across a wait) stalls every task of its loop, and "
                    + "switches are slower. Start the JVM with {} for virtual threads scheduled by the loop",
                    coroutines.describe(), ScheduledCoroutines.FLAG);
        }
    }

    @Override
    public void start(TaskExecution<?> execution) {
        startOn(group.next(), execution);
    }

    /** Starts a task on a given loop: the children a task spawns run on their parent's. */
    private void startOn(EventLoop loop, TaskExecution<?> execution) {
        if (loop.failure() != null) {
            throw loop.died();
        }
        if (execution.task() instanceof AsyncTask<?> || coroutines == null) {
            Begin begin = new Begin(execution, loop);
            loop.execute(begin);
            if (loop.failure() != null) {
                begin.loopFailed(loop.died()); // it died as we queued: it may never see the task
            }
            return;
        }
        Coroutine coroutine = new Coroutine(execution, loop);
        coroutines.start(loop, execution.info(), coroutine, coroutine);
    }

    /**
     * A direct-style task's coroutine: its code, the loop's member (failed if the loop dies under it), and
     * where its children start (on its loop). One object plays the three parts, to keep a coroutine small.
     */
    private final class Coroutine implements Runnable, EventLoop.Member, ChildLauncher {
        private final TaskExecution<?> execution;
        private final EventLoop loop;

        Coroutine(TaskExecution<?> execution, EventLoop loop) {
            this.execution = execution;
            this.loop = loop;
        }

        @Override
        public void run() {
            execution.run(new CoroutineContext(execution, loop, coroutines, blocking(), this));
        }

        @Override
        public void loopFailed(Throwable error) {
            if (!execution.abandon(error)) {
                execution.failToStart(error);
            }
        }

        @Override
        public void start(Execution<?> child) {
            startOn(loop, child);
        }

        @Override
        public void abandoned(Thread thread) {
            LoopEngine.this.abandoned(thread);
        }
    }

    /** A coroutine left to finish on its own may hold its loop: the fallback's loop is told to look. */
    @Override
    public void abandoned(Thread thread) {
        if (coroutines instanceof BatonCoroutines baton) {
            baton.abandoned(thread);
        }
    }

    /** @return where {@code blocking(...)} work runs: the group's pool, or in place in a simulated run */
    private java.util.concurrent.Executor blocking() {
        return simulated ? Runnable::run : group.blockingPool();
    }

    /**
     * Begins an async task on its loop; if the loop dies first, fails it (a queued {@link EventLoop.Member}).
     * In a simulated run it begins a lane of its own.
     */
    private final class Begin implements Runnable, EventLoop.Member, Simulation.Laned {
        private final TaskExecution<?> execution;
        private final EventLoop loop;

        Begin(TaskExecution<?> execution, EventLoop loop) {
            this.execution = execution;
            this.loop = loop;
        }

        @Override
        public void run() {
            AsyncRun.begin(execution, loop, blocking());
        }

        @Override
        public Object lane() {
            return this;
        }

        @Override
        public void loopFailed(Throwable error) {
            execution.failToStart(error);
        }
    }

    @Override
    public java.util.Optional<dev.concurrency.spi.VirtualTime> virtualTime() {
        return simulated ? java.util.Optional.of(group.loops().get(0).simulation()) : java.util.Optional.empty();
    }

    @Override
    public boolean ownsCurrentThread() {
        return group.ownsCurrentThread() || (coroutines != null && coroutines.ownsCurrentThread());
    }

    @Override
    public int liveThreads() {
        return group.liveThreads() + (coroutines == null ? 0 : coroutines.liveThreads());
    }

    @Override
    public void shutdown() {
        group.shutdown();
    }

    @Override
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        return (coroutines == null || coroutines.joinAll(deadline)) && group.joinAll(deadline);
    }
}
