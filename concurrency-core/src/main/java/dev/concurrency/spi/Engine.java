package dev.concurrency.spi;

/**
 * What runs the tasks of one runner under a strategy. The library above it
 * handles ordering, the admission bound, timeouts, cancellation, listener
 * events and results; an engine only decides where and how a task's code runs.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start} returns without waiting for the task, and arranges for
 *       the execution to run exactly once: either {@link TaskExecution#run} on a
 *       thread of the engine, or {@link TaskExecution#begin} then, later,
 *       {@link TaskExecution#finish}. If it cannot (it has no thread to give), it
 *       throws, and the task fails with that error.</li>
 *   <li>{@link #start} is never called after {@link #shutdown}.</li>
 *   <li>Once every started execution has ended and {@link #shutdown} was called,
 *       {@link #awaitTermination} waits until no thread or process of the engine is alive.</li>
 * </ul>
 * Engines are thread-safe.
 */
public interface Engine {

    /**
     * Runs an execution, later, on a thread (or in a process) of this engine.
     *
     * @param execution what to run
     */
    void start(TaskExecution<?> execution);

    /** {@return how many threads (platform or virtual) of this engine are alive in this JVM now} */
    int liveThreads();

    /**
     * Whether the calling thread is one of this engine's (a task's code, or a
     * loop running its callbacks): a runner refuses to wait for its own tasks
     * from there, which would wait forever.
     *
     * @return {@code false} unless the engine knows the thread as its own
     */
    default boolean ownsCurrentThread() {
        return false;
    }

    /**
     * A task of this engine ignored its cancellation past the grace and was
     * abandoned: it keeps {@code thread}, which is left to finish on its own.
     * An engine with a bounded pool makes up for that thread here, so later
     * tasks are not held behind it. Called once per abandoned task, from any
     * thread; the default does nothing.
     *
     * @param thread the thread the abandoned task still runs on
     */
    default void abandoned(Thread thread) {
    }

    /** {@return what the engine's processes outside this JVM have done; {@link RemoteFigures#NONE} for in-process engines} */
    default RemoteFigures remoteFigures() {
        return RemoteFigures.NONE;
    }

    /**
     * The engine's virtual clock, if it runs simulations: the runner then reads
     * task timings from it, arms timeouts and deadlines on it, and holds it still
     * while it hands over a batch.
     *
     * @return the clock; empty (the default) for an engine on real time
     */
    default java.util.Optional<VirtualTime> virtualTime() {
        return java.util.Optional.empty();
    }

    /** No more executions will be started; idle threads may go. Does not wait. */
    void shutdown();

    /**
     * Waits until every thread and process of this engine has ended.
     *
     * @param timeoutNanos the longest to wait
     * @return whether all have ended
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(long timeoutNanos) throws InterruptedException;
}
