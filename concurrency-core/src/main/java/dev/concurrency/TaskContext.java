package dev.concurrency;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

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
     * The time now, as the task should read it: the real {@link java.time.Instant#now()},
     * except in a {@linkplain LoopOptions#simulated(long) simulated} run, where it is
     * the virtual clock (it begins at {@link java.time.Instant#EPOCH} and moves only
     * as timers are due). Read the time through this, not the system clock, in
     * code meant to be simulated.
     *
     * @return the time now
     */
    default java.time.Instant now() {
        return java.time.Instant.now();
    }

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
     * Runs {@code body} with a time limit, as asyncio's {@code timeout}, Trio's
     * {@code fail_after} or Kotlin's {@code withTimeout}: when the time passes,
     * the body's waits are cancelled (they throw as on a cancellation) and,
     * once the body has returned or thrown, this method throws a
     * {@link TimeoutException}. It is checked and no kind of cancellation, so it
     * is never swallowed as one; a body that ignores its cancellation and
     * returns late still gets it. Scopes nest: an enclosing scope's timeout,
     * or a cancellation or timeout of the whole task, comes out of an inner
     * scope as it went in (an {@link InterruptedException}, say), never as
     * the inner scope's {@code TimeoutException}. Under a {@link Gil}, waits
     * inside the body still release the lock.
     *
     * <pre>{@code
     * try {
     *     return ctx.withTimeout(Duration.ofSeconds(2), () -> connection.readLine());
     * } catch (TimeoutException e) {
     *     return "no answer";
     * }
     * }</pre>
     *
     * <p>As for any socket wait, a read or accept cancelled by the timeout
     * closes its connection or listener (see {@link java.nio.channels.ClosedByInterruptException}).
     *
     * @param timeout how long the body may take; zero cancels its first wait
     * @param body    the code to run, on this task's thread
     * @param <V>     its result type
     * @return what {@code body} returned, if it did so in time
     * @throws TimeoutException         if the time passed first (the body's exception, if any, is its cause)
     * @throws InterruptedException     if the task is cancelled or times out, or an enclosing scope's time passes
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws Exception                whatever {@code body} threw before its time passed
     */
    <V> V withTimeout(Duration timeout, Callable<V> body) throws Exception;

    /**
     * Opens a group of child tasks that run under this task's strategy and all
     * end before the group is closed.
     *
     * @param <V> the children's result type
     * @return a new group; close it (try-with-resources) to wait for its children
     */
    <V> TaskGroup<V> group();

    /**
     * Listens for TCP connections, with a backlog of {@value Listener#BACKLOG}.
     *
     * @param address where to listen; port 0 picks a free port ({@link Listener#localAddress()} tells which)
     * @return the listener; closed when the task ends if the task does not close it
     * @throws IOException if the address cannot be bound (the message names it)
     */
    Listener listen(InetSocketAddress address) throws IOException;

    /**
     * Whether this task has been cancelled or has timed out.
     *
     * @return {@code true} once the task has been told to stop
     */
    boolean isCancelled();
}
