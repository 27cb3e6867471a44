package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncTask;
import dev.concurrency.RunOptions;
import dev.concurrency.internal.engine.Engine;
import dev.concurrency.internal.engine.Execution;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.concurrency.Strategy#EVENT_LOOP}: direct-style tasks as
 * coroutines of {@code loops(n)} selector loops; one task runs at a time per
 * loop, and every wait suspends it so the loop runs others.
 */
public final class EventLoopEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(EventLoopEngine.class);
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private final LoopGroup group;
    private final Coroutines coroutines;

    /**
     * @param options the runner's options
     * @param name    the prefix of the threads' names
     */
    public EventLoopEngine(RunOptions options, String name) {
        this.coroutines = Coroutines.select(name);
        this.group = new LoopGroup(options, name);
        if (ANNOUNCED.compareAndSet(false, true)) {
            if (coroutines instanceof ScheduledCoroutines) {
                log.info("EVENT_LOOP runs tasks as {}", coroutines.describe());
            } else {
                log.info("EVENT_LOOP runs tasks as {}, the slower fallback; start the JVM with {} for "
                        + "virtual threads scheduled by the loop", coroutines.describe(), ScheduledCoroutines.FLAG);
            }
        }
    }

    @Override
    public void start(Execution<?> execution) {
        EventLoop loop = group.next();
        if (execution.task() instanceof AsyncTask<?>) {
            // callback-style code on a loop: its stages complete there, as under CALLBACK
            loop.execute(() -> CallbackEngine.begin(execution, loop, group));
            return;
        }
        coroutines.start(loop, execution.info(),
                () -> execution.run(new CoroutineContext(execution, loop, coroutines, group.blockingPool())));
    }

    @Override
    public int liveThreads() {
        return group.liveThreads() + coroutines.liveThreads();
    }

    @Override
    public void shutdown() {
        group.shutdown();
    }

    @Override
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        return coroutines.joinAll(deadline) && group.joinAll(deadline);
    }
}
