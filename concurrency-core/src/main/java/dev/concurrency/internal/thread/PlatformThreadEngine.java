package dev.concurrency.internal.thread;

import dev.concurrency.spi.Engine;
import dev.concurrency.spi.TaskExecution;
import dev.concurrency.internal.engine.ChildLauncher;
import dev.concurrency.internal.engine.CompensatingPool;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.ThreadTracker;

/**
 * {@link dev.concurrency.Strategy#THREAD}: a {@link CompensatingPool} of
 * platform threads, as many as the run's concurrency bound. Threads are made
 * as tasks arrive, reused, and let go after a few idle seconds. A thread kept
 * by an abandoned task is made up for: the pool grows by one until that task's
 * code ends and its thread comes back, so later tasks never wait behind it.
 */
public final class PlatformThreadEngine implements Engine {

    private final ThreadTracker threads;
    private final CompensatingPool pool;
    /**
     * Children run on the same pool; a parent waiting for them lends its
     * thread for the wait, so children never starve behind waiting parents.
     */
    private final ChildLauncher children = new ChildLauncher() {
        @Override
        public void start(Execution<?> child) {
            PlatformThreadEngine.this.start(child);
        }

        @Override
        public void parentWaits() {
            pool.compensate();
        }

        @Override
        public void parentResumes() {
            pool.release();
        }

        @Override
        public void abandoned(Thread thread) {
            pool.compensate();
        }
    };

    /**
     * @param poolSize the most threads at once
     * @param name     the prefix of the threads' names
     */
    public PlatformThreadEngine(int poolSize, String name) {
        this.threads = new ThreadTracker(Thread.ofPlatform().name(name, 0).daemon(true));
        this.pool = new CompensatingPool(poolSize, threads);
    }

    /**
     * Starts a task on the pool. Called on one of the pool's threads after its
     * task's code has returned (the scheduler starting the next task as that one
     * ends), it keeps the task for this thread to run next, instead of handing
     * it to another thread through the pool's queue: the permit the ended task
     * freed goes with its thread, and no thread is woken for it.
     */
    @Override
    public void start(TaskExecution<?> execution) {
        Worker worker = WORKER.get();
        if (worker != null && worker.engine == this && worker.next == null && worker.current != null
                && worker.current.runner() == null) {
            worker.next = execution;
            return;
        }
        pool.execute(() -> run(execution));
    }

    /** Runs a task, then whatever the thread was given to run next as it ended. */
    private void run(TaskExecution<?> first) {
        Worker worker = WORKER.get();
        if (worker == null) {
            worker = new Worker(this);
            WORKER.set(worker);
        }
        for (TaskExecution<?> execution = first; execution != null; ) {
            worker.current = execution instanceof Execution<?> e ? e : null;
            try {
                execution.run(BlockingTaskContext.of(execution, children));
            } finally {
                worker.current = null;
            }
            if (ThreadTracker.reclaim(Thread.currentThread())) {
                pool.release(); // its abandoned code has ended: this thread serves the pool again
            }
            execution = worker.next;
            worker.next = null;
        }
    }

    /** What a pool thread runs now, and what it was given to run next. Used by that thread only. */
    private static final class Worker {
        final PlatformThreadEngine engine;
        Execution<?> current;
        TaskExecution<?> next;

        Worker(PlatformThreadEngine engine) {
            this.engine = engine;
        }
    }

    private static final ThreadLocal<Worker> WORKER = new ThreadLocal<>();

    @Override
    public void abandoned(Thread thread) {
        pool.compensate();
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
