package dev.concurrency.internal.thread;

import dev.concurrency.spi.Engine;
import dev.concurrency.spi.TaskExecution;
import dev.concurrency.internal.engine.ThreadTracker;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link dev.concurrency.Strategy#THREAD}: a {@link ThreadPoolExecutor} of
 * platform threads, as many as the run's concurrency bound. Threads are made
 * as tasks arrive, reused, and let go after a few idle seconds.
 */
public final class PlatformThreadEngine implements Engine {

    private static final long IDLE_SECONDS = 5;

    private final ThreadTracker threads;
    private final ThreadPoolExecutor pool;

    /**
     * @param poolSize the most threads at once
     * @param name     the prefix of the threads' names
     */
    public PlatformThreadEngine(int poolSize, String name) {
        this.threads = new ThreadTracker(Thread.ofPlatform().name(name, 0).daemon(true));
        this.pool = new ThreadPoolExecutor(poolSize, poolSize, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void start(TaskExecution<?> execution) {
        pool.execute(() -> execution.run(BlockingTaskContext.of(execution)));
    }

    @Override
    public boolean ownsCurrentThread() {
        return threads.ownsCurrentThread();
    }

    @Override
    public int liveThreads() {
        return threads.liveCount();
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        // the pool's threads are the tracker's: joining them (abandoned ones aside) is the pool's termination
        return threads.joinAll(System.nanoTime() + timeoutNanos);
    }
}
