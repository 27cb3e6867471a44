package dev.concurrency;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The operations a {@link Task} may wait on. Each strategy implements them in
 * its own way: the thread strategies block the task's thread, later ones
 * suspend a coroutine or wait inside a worker process. A cancelled or timed-out
 * task is told at its next wait or {@link #checkpoint()}: the call throws
 * {@link InterruptedException} (or, for socket operations, an
 * {@link java.nio.channels.ClosedByInterruptException}).
 *
 * <p>A context belongs to one run of one task: use it only from the thread that
 * runs the task, and only until {@link Task#run(TaskContext)} returns.
 * Connections the task leaves open are closed when it ends.
 *
 * <p>Not thread-safe.
 */
public interface TaskContext {

    /**
     * The task this context belongs to.
     *
     * @return its index and name
     */
    TaskInfo task();

    /**
     * Waits for the given time.
     *
     * @param duration how long; zero returns at once
     * @throws InterruptedException     if the task is cancelled or times out meanwhile
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * A point where long computations notice cancellation and let others run.
     * Call it every so often (every millisecond of work or so) in CPU-bound
     * code. Under the thread strategies it is a cheap check (and, with a
     * {@link Gil}, the lock's switch point); under {@link Strategy#EVENT_LOOP}
     * it also gives the loop to the other ready tasks, as asyncio's
     * {@code sleep(0)} does, which costs a switch.
     *
     * @throws InterruptedException if the task has been cancelled or has timed out
     */
    void checkpoint() throws InterruptedException;

    /**
     * Waits for a stage to complete and returns its value.
     *
     * @param stage the stage to wait for
     * @param <V>   its value's type
     * @return the stage's value
     * @throws ExecutionException   if the stage completed exceptionally; the cause is its exception
     * @throws InterruptedException if the task is cancelled or times out meanwhile
     */
    <V> V await(CompletionStage<V> stage) throws InterruptedException, ExecutionException;

    /**
     * Runs legacy blocking code, such as a JDBC call or {@code java.io}, where it
     * may block without holding up other tasks. Strategies built on an event
     * loop run it on another thread; the thread strategies run it in place.
     *
     * @param work the blocking code
     * @param <V>  its result's type
     * @return what {@code work} returned
     * @throws Exception whatever {@code work} threw
     */
    <V> V blocking(Callable<V> work) throws Exception;

    /**
     * Opens a TCP connection.
     *
     * @param address where to connect
     * @return the open connection; it is closed when the task ends if the task does not close it
     * @throws IOException if the connection cannot be made, or the task is cancelled meanwhile
     */
    Connection connect(InetSocketAddress address) throws IOException;

    /**
     * Runs a callback-style task as part of this one and waits for its result.
     * Its callbacks run as they would under {@link Strategy#CALLBACK}: one at a
     * time, on one thread at a time (this task's loop under
     * {@link Strategy#EVENT_LOOP}, this task's own thread under the thread and
     * process strategies), reads and timers included, so they need no locks.
     * With a {@link Gil}, each callback holds the lock and the waits between them
     * release it. When it returns, the async task's pending timers and reads are
     * disarmed. {@link AsyncTask#run(TaskContext)} calls this.
     *
     * @param task the callback-style task
     * @param <V>  its result's type
     * @return the value its stage completed with
     * @throws InterruptedException if this task is cancelled or times out meanwhile
     * @throws Exception            the exception its stage failed with (or {@code start} threw), as it is
     */
    <V> V call(AsyncTask<V> task) throws Exception;

    /**
     * Whether this task has been cancelled or has timed out.
     *
     * @return {@code true} once the task has been told to stop
     */
    boolean isCancelled();
}
