package dev.concurrency.internal.thread;

import dev.concurrency.internal.engine.Execution;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.TaskExecution;
import dev.concurrency.internal.engine.CountedThreads;

/**
 * {@link dev.concurrency.Strategy#VIRTUAL_THREAD}: a new virtual thread for
 * each task, which ends with the task.
 */
public final class VirtualThreadEngine implements Engine {

    private final CountedThreads threads;
    private final dev.concurrency.internal.engine.ChildLauncher children = this::startChild;
    /** A task's thread's work: one for all of them. */
    private final java.util.function.Consumer<TaskExecution<?>> runTask =
            execution -> execution.run(BlockingTaskContext.of(execution, children));

    /**
     * @param name the threads' name: one for all of them, as a virtual thread
     *             lives for one task (a number of its own would cost each task a
     *             string; its thread id tells it apart in a thread dump)
     */
    public VirtualThreadEngine(String name) {
        this.threads = new CountedThreads(Thread.ofVirtual().name(name));
    }

    @Override
    public void start(TaskExecution<?> execution) {
        threads.start(runTask, execution);
    }

    private void startChild(Execution<?> child) {
        start(child);
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
        // nothing is kept between tasks
    }

    @Override
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        return threads.joinAll(System.nanoTime() + timeoutNanos);
    }
}
