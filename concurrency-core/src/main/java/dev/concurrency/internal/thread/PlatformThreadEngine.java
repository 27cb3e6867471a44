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
 * as tasks arrive, reused, and let go after a few idle seconds. A thread kept
 * by an abandoned task is made up for: the pool grows by one until that task's
 * code ends and its thread comes back, so later tasks never wait behind it.
 */
public final class PlatformThreadEngine implements Engine {

    private static final long IDLE_SECONDS = 5;

    private final ThreadTracker threads;
    private final ThreadPoolExecutor pool;
    private final int poolSize;
    /** Threads kept by abandoned tasks; guarded by {@code this}. */
    private int kept;

    /**
     * @param poolSize the most threads at once
     * @param name     the prefix of the threads' names
     */
    public PlatformThreadEngine(int poolSize, String name) {
        this.poolSize = poolSize;
        this.threads = new ThreadTracker(Thread.ofPlatform().name(name, 0).daemon(true));
        this.pool = new ThreadPoolExecutor(poolSize, poolSize, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void start(TaskExecution<?> execution) {
        pool.execute(() -> {
            execution.run(BlockingTaskContext.of(execution));
            if (ThreadTracker.reclaim(Thread.currentThread())) {
                resize(-1); // its abandoned code has ended: this thread serves the pool again
            }
        });
    }

    @Override
    public void abandoned(Thread thread) {
        resize(+1);
    }

    private synchronized void resize(int delta) {
        kept += delta; // may dip below 0 for a moment if the code ends before its abandonment is told here
        int size = poolSize + Math.max(0, kept);
        if (size > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else if (size < pool.getMaximumPoolSize()) {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
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
