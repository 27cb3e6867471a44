package dev.concurrency.internal.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A pool of a fixed size that makes up for threads kept by work that should
 * have stopped: {@link #compensate()} adds a thread for each such piece of
 * work (cancelled, yet still running because it ignores interrupts) until
 * {@link #release()} says it has returned, so later work never waits behind
 * it. Threads are made on demand and let go after a few idle seconds.
 * Thread-safe.
 */
public final class CompensatingPool extends ThreadPoolExecutor {

    private static final long IDLE_SECONDS = 5;

    private final int size;
    /** Threads kept by work that should have stopped; guarded by {@code this}. */
    private int kept;

    /**
     * @param size    the most threads at once, kept ones aside
     * @param threads makes the threads
     */
    public CompensatingPool(int size, ThreadFactory threads) {
        super(size, size, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        this.size = size;
        allowCoreThreadTimeOut(true);
    }

    /** A thread of the pool is kept by work that should have stopped: add one in its place. */
    public void compensate() {
        resize(+1);
    }

    /** That work has returned: its thread serves the pool again. */
    public void release() {
        resize(-1);
    }

    private synchronized void resize(int delta) {
        kept += delta; // may dip below 0 for a moment if the work returns before its keeping is told here
        int target = size + Math.max(0, kept);
        if (target > getMaximumPoolSize()) {
            setMaximumPoolSize(target);
            setCorePoolSize(target);
        } else if (target < getMaximumPoolSize()) {
            setCorePoolSize(target);
            setMaximumPoolSize(target);
        }
    }
}
