package dev.concurrency.internal.engine;

import dev.concurrency.WorkerStats;
import java.util.List;

/**
 * The SPI behind each {@link dev.concurrency.Strategy}: something that runs
 * {@link Execution}s. The facade and the scheduler above it handle ordering,
 * limits, timeouts, cancellation, events and results; an engine only decides
 * where and how a task's code runs and how its {@code TaskContext} waits.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start} returns without waiting for the task, and arranges for
 *       {@link Execution#run} to be called exactly once, on a thread of the
 *       engine, with a context of the engine. If it cannot (it has no thread to
 *       give), it throws, and the task fails with that error.</li>
 *   <li>{@link #start} is never called after {@link #shutdown}.</li>
 *   <li>Once every started execution has ended and {@link #shutdown} was called,
 *       {@link #awaitTermination} waits until no thread of the engine is alive.</li>
 * </ul>
 * Engines are thread-safe.
 */
public interface Engine {

    /**
     * Runs an execution, later, on a thread of this engine.
     *
     * @param execution what to run
     */
    void start(Execution<?> execution);

    /** @return how many threads (platform or virtual) of this engine are alive now */
    int liveThreads();

    /** @return the engine's worker processes alive now, with their figures; none for in-process engines */
    default List<WorkerStats> workers() {
        return List.of();
    }

    /** @return CPU time used by the engine's worker processes so far (those gone included); 0 for in-process engines */
    default long workerCpuNanos() {
        return 0;
    }

    /** No more executions will be started; idle threads may go. Does not wait. */
    void shutdown();

    /**
     * Waits until every thread of this engine has terminated.
     *
     * @param timeoutNanos the longest to wait
     * @return whether all have terminated
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(long timeoutNanos) throws InterruptedException;
}
