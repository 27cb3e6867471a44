package dev.concurrency.internal.eventloop;

import dev.concurrency.TaskInfo;
import java.util.function.Function;

/**
 * A coroutine waiting for one loop operation: it arms the operation with
 * itself as the callback, then suspends until the callback has run. An
 * interrupt (the thread strategies' and the loop's cancellation) disarms the
 * operation and throws {@link InterruptedException} at the suspension point.
 * Accessed only on the loop (the coroutine holds it whenever it runs).
 *
 * @param <V> the operation's result type
 */
final class Waiter<V> implements Callback<V> {

    private final EventLoop loop;
    private final Coroutines coroutines;
    private final Thread coroutine;
    private boolean done;
    private V value;
    private Throwable error;

    private Waiter(EventLoop loop, Coroutines coroutines) {
        this.loop = loop;
        this.coroutines = coroutines;
        this.coroutine = Thread.currentThread();
    }

    /**
     * Arms an operation and suspends the calling coroutine until it completes.
     *
     * @param loop       the coroutine's loop
     * @param coroutines the mechanism
     * @param task       the task, for the cancellation message
     * @param operation  arms the operation with a callback; returns how to disarm it
     * @param <V>        the result type
     * @return the completed waiter, holding a value or an error
     * @throws InterruptedException if the task is cancelled before the operation completes
     */
    static <V> Waiter<V> await(EventLoop loop, Coroutines coroutines, TaskInfo task,
                               Function<Callback<V>, Runnable> operation) throws InterruptedException {
        assert loop.inLoop();
        if (Thread.currentThread().isInterrupted() && Thread.interrupted()) { // clearing costs more than looking
            throw new InterruptedException(task + " was cancelled");
        }
        Waiter<V> waiter = new Waiter<>(loop, coroutines);
        Runnable disarm = operation.apply(waiter);
        while (!waiter.done) {
            coroutines.suspend(loop);
            if (!waiter.done && Thread.interrupted()) {
                waiter.done = true; // a late completion is ignored
                disarm.run();
                throw new InterruptedException(task + " was cancelled");
            }
        }
        return waiter;
    }

    @Override
    public void complete(V value, Throwable error) {
        assert loop.inLoop();
        if (done) {
            return;
        }
        this.value = value;
        this.error = error;
        this.done = true;
        if (Thread.currentThread() != coroutine) {
            coroutines.wake(loop, coroutine);
        }
    }

    /** @return the value, or {@code null} after an error */
    V value() {
        return value;
    }

    /** @return the error, or {@code null} */
    Throwable error() {
        return error;
    }
}
