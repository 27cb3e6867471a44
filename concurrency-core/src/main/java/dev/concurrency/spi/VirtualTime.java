package dev.concurrency.spi;

import dev.concurrency.Trace;
import java.time.Duration;

/**
 * The clock of an engine that runs a simulation: virtual time, which moves only
 * when the engine says so, and the trace of what ran. The runner reads task
 * timings from it, arms {@code taskTimeout} and {@code deadline} on it, and
 * holds it still while it hands over a batch, so that the simulation sees the
 * whole batch at once, whatever the timing of the thread that submits it.
 *
 * <pre>{@code
 * Runnable release = time.hold();
 * try { submitAll(); } finally { release.run(); }
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface VirtualTime {

    /** {@return the virtual time, in nanoseconds, on the same scale as its timers; 0 when the run began} */
    long nanoTime();

    /**
     * Runs {@code action} on the simulation once its clock has moved {@code delay} on.
     *
     * @param delay  how long from now, in virtual time
     * @param action what to run
     * @return cancels it; does nothing once it has run
     */
    Runnable schedule(Duration delay, Runnable action);

    /**
     * Keeps the simulation from running anything until released; holds nest.
     *
     * @return the release, to call once
     */
    Runnable hold();

    /**
     * Adds a step to the trace, at the virtual time now; called where the task runs.
     *
     * @param task  the task
     * @param event what it did ({@code started}, {@code ended Success[value=1]})
     */
    void record(dev.concurrency.TaskInfo task, String event);

    /** {@return how many steps the trace has so far, to mark where a batch begins} */
    int traceLength();

    /**
     * The trace from a mark on.
     *
     * @param from a value {@link #traceLength()} returned earlier
     * @return the steps since then
     */
    Trace trace(int from);
}
