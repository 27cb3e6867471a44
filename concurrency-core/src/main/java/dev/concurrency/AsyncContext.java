package dev.concurrency;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

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

    /** {@return whether this task has been cancelled or has timed out} */
    boolean isCancelled();
}
