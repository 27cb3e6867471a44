package dev.concurrency;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The operations an {@link AsyncTask} may wait on, as stages: the same as
 * {@link TaskContext}'s, without blocking. Under {@link Strategy#CALLBACK}
 * every stage completes on the task's loop thread, so the callbacks chained
 * to it run there, one at a time, and need no locks. A cancelled or timed-out
 * task's pending stages fail with an {@link InterruptedException}.
 *
 * <p>Call it from the task's own callbacks (on the loop, under CALLBACK).
 *
 * <p>Not meant to be shared: it is thread-safe only in that an operation called from another thread is handed to the task's loop first, where every callback still runs one at a time.
 */
public interface AsyncContext {

    /** {@return the task this context belongs to} */
    TaskInfo task();

    /**
     * Completes after {@code duration} without holding the loop: other tasks run meanwhile.
     *
     * @param duration how long; zero completes after whatever else is ready

     * @return completes after {@code duration}
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    CompletionStage<Void> sleep(Duration duration);

    /**
     * A point where the loop may run other tasks first, and where a
     * cancelled task learns it: the stage then fails with an
     * {@link InterruptedException}.
     *
     * @return completes once other ready work has had its turn
     */
    CompletionStage<Void> checkpoint();

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
     * Brings another stage's completion back to this task's loop.
     *
     * @param stage a stage completed anywhere
     * @param <V>   its value's type
     * @return completes, on the loop, as {@code stage} does
     */
    <V> CompletionStage<V> await(CompletionStage<V> stage);

    /**
     * Runs legacy blocking code on a thread of its own, off the loop.
     *
     * @param work the blocking code
     * @param <V>  its result's type
     * @return completes with what {@code work} returned or threw
     */
    <V> CompletionStage<V> blocking(Callable<V> work);

    /**
     * Opens a TCP connection.
     *
     * @param address where to connect
     * @return completes with the open connection; it is closed when the task ends if the task does not close it
     */
    CompletionStage<AsyncConnection> connect(InetSocketAddress address);

    /**
     * Runs {@code body} with a time limit. When the time passes, the
     * operations the body started (and those started by callbacks of its
     * stages) fail as on a cancellation, with an {@link InterruptedException},
     * and the returned stage fails at once with a
     * {@link java.util.concurrent.TimeoutException}. Scopes nest as
     * {@link TaskContext#withTimeout} does: an enclosing scope's timeout or a
     * cancellation of the task fails the inner stage with an
     * {@code InterruptedException}, never the inner scope's timeout.
     *
     * @param timeout how long the body's stage may take
     * @param body    starts the work, on the loop; its stage is the result
     * @param <V>     the result type
     * @return completes as the body's stage does, or fails with a {@code TimeoutException}
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    <V> CompletionStage<V> withTimeout(Duration timeout, Supplier<? extends CompletionStage<V>> body);

    /**
     * Opens a group of child async tasks on this task's loop.
     *
     * @param <V> the children's result type
     * @return a new group; complete {@link AsyncTaskGroup#close()} before the task's stage
     */
    <V> AsyncTaskGroup<V> group();

    /**
     * Listens for TCP connections, with a backlog of {@value Listener#BACKLOG}.
     *
     * @param address where to listen; port 0 picks a free port
     * @return the listener; closed when the task ends if the task does not close it
     * @throws java.io.UncheckedIOException if the address cannot be bound (the message names it)
     */
    AsyncListener listen(InetSocketAddress address);

    /** {@return whether this task has been cancelled or has timed out} */
    boolean isCancelled();
}
