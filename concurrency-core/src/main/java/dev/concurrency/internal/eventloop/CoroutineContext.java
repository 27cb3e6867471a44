package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncTask;
import dev.concurrency.Connection;
import dev.concurrency.Listener;
import dev.concurrency.internal.engine.ChildLauncher;
import dev.concurrency.internal.engine.Durations;
import dev.concurrency.internal.engine.ExecutionContext;
import dev.concurrency.spi.TaskExecution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The task context of {@link dev.concurrency.Strategy#EVENT_LOOP}: every wait
 * arms a loop operation (a timer, the selector, a stage, the blocking pool)
 * and suspends the task's coroutine, so the loop runs other tasks meanwhile.
 * Cancellation resumes the coroutine at its suspension point with an
 * {@link InterruptedException} (a {@link ClosedByInterruptException} in socket
 * calls, which also close the connection). Used only by its coroutine.
 */
final class CoroutineContext extends ExecutionContext {

    private final EventLoop loop;
    private final Coroutines coroutines;
    private final Executor blockingPool;
    /** Loop-only: the coroutine waits in {@link #yieldTurn} for its turn to come round again. */
    private boolean yielding;
    /** The coroutine's thread, once it has yielded. */
    private Thread thread;
    /** Made on the first {@link #yieldTurn}: most tasks never yield. */
    private Runnable turnCameRound;

    CoroutineContext(TaskExecution<?> execution, EventLoop loop, Coroutines coroutines, Executor blockingPool,
                     ChildLauncher children) {
        super(execution, children);
        this.loop = loop;
        this.coroutines = coroutines;
        this.blockingPool = blockingPool;
    }

    /**
     * The task's code has returned: the rest of its turn (closing what it left
     * open, recording its end, starting the next tasks) is the library's, and
     * the watchdog does not count it against the task.
     */
    @Override
    protected void codeReturned() {
        loop.running(null);
    }

    /** @return the loop this task's coroutine runs on */
    EventLoop loop() {
        return loop;
    }

    /**
     * Suspends the coroutine until an operation completes.
     *
     * @param what      the step for a simulated run's trace ({@code suspended on} the operation); unused, and
     *                  may be {@code null}, on a real loop
     * @param operation arms it with a callback, and returns how to disarm it
     * @return the completed waiter
     * @throws InterruptedException if the task is cancelled meanwhile
     */
    <V> Waiter<V> suspend(String what, Function<Callback<V>, Runnable> operation) throws InterruptedException {
        if (loop.simulation() == null) {
            return Waiter.await(loop, coroutines, task(), operation);
        }
        return traced(what, operation);
    }

    /** {@link #suspend} in a simulated run: the steps go to its trace. */
    private <V> Waiter<V> traced(String what, Function<Callback<V>, Runnable> operation) throws InterruptedException {
        loop.trace(task(), what);
        try {
            return Waiter.await(loop, coroutines, task(), operation);
        } finally {
            loop.trace(task(), "resumed");
        }
    }

    @Override
    public java.time.Instant now() {
        return loop.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        checkOpen();
        checkDuration(duration);
        if (duration.isZero() && loop.simulation() == null) {
            yieldTurn();
            return;
        }
        this.<Void>suspend(Simulation.sleepStep(loop, duration),
                callback -> LoopOps.sleep(loop, duration, callback));
    }

    /**
     * Gives the loop to whatever else is ready, as {@code sleep(ZERO)} does, so
     * that a long computation calling it does not hold its loop; a cancelled
     * task learns it here.
     */
    @Override
    public void checkpoint() throws InterruptedException {
        checkOpen();
        sleep(Duration.ZERO);
    }

    @Override
    public boolean checkpointSuspends() {
        return true;
    }

    /**
     * {@code sleep(ZERO)} (and so {@code checkpoint()}) on a real loop: lets
     * whatever is ready run, then goes on, through one runnable kept for the
     * purpose rather than a waiter and a callback each time, as a long
     * computation may checkpoint millions of times. Loop-only, like all of a
     * coroutine's waits.
     */
    private void yieldTurn() throws InterruptedException {
        if (Thread.currentThread().isInterrupted() && Thread.interrupted()) {
            throw new InterruptedException(task() + " was cancelled");
        }
        thread = Thread.currentThread();
        yielding = true;
        if (turnCameRound == null) {
            turnCameRound = this::turnCameRound;
        }
        loop.execute(turnCameRound);
        while (yielding) {
            coroutines.suspend(loop);
            if (yielding && Thread.interrupted()) {
                yielding = false; // the queued turnCameRound finds nothing to do
                throw new InterruptedException(task() + " was cancelled");
            }
        }
    }

    /** On the loop, once what was ready before it has run: resumes the coroutine that yielded, if it still waits. */
    private void turnCameRound() {
        if (yielding) {
            yielding = false;
            coroutines.wake(loop, thread);
        }
    }

    /** A {@code withTimeout} scope's timer is one of the loop's: it fires on the loop, with nothing else to wake. */
    @Override
    protected Runnable schedule(Duration delay, Runnable action) {
        LoopTimer timer = loop.schedule(Durations.delayNanos(delay), action);
        return timer::cancel;
    }

    @Override
    public void join(CompletableFuture<?> future) throws InterruptedException {
        this.<Object>suspend("suspended on join",
                callback -> LoopOps.await(loop, future, (value, error) -> callback.complete(null, null)));
    }

    @Override
    public boolean joinQuietly(CompletableFuture<?> future, long deadlineNanos) {
        boolean interrupted = Thread.interrupted();
        try {
            while (!future.isDone()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Runnable[] disarms = new Runnable[2];
                try {
                    this.<Object>suspend("suspended on join", callback -> {
                        disarms[0] = LoopOps.await(loop, future, (v, e) -> callback.complete(null, null));
                        disarms[1] = LoopOps.sleep(loop, Duration.ofNanos(left), callback::complete);
                        return () -> { };
                    });
                } catch (InterruptedException e) {
                    interrupted = true;
                } finally {
                    disarms[0].run();
                    disarms[1].run();
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Listener listen(InetSocketAddress address, boolean reusePort) throws IOException {
        checkOpen();
        Objects.requireNonNull(address, "address is null");
        LoopPort listener = Simulation.listen(loop, address, task(), reusePort);
        return track(new CoroutineListener(this, listener));
    }

    /** @return a connection accepted by a listener of this task, closed when the task ends if not before */
    Connection accepted(LoopStream connection) {
        return track(new CoroutineConnection(this, connection));
    }

    /**
     * Runs the async task's callbacks on this coroutine's loop, as CALLBACK
     * would, and suspends until its stage completes.
     */
    @Override
    public <V> V call(AsyncTask<V> task) throws Exception {
        checkOpen();
        Objects.requireNonNull(task, "task is null");
        CallbackContext async = new CallbackContext(task(), loop, blockingPool);
        try {
            CompletionStage<V> stage = AsyncRun.start(task, task(), async);
            Waiter<V> waiter = suspend("suspended on call", callback -> LoopOps.await(loop, stage, callback));
            rethrow(waiter.error());
            return waiter.value();
        } catch (InterruptedException e) {
            async.cancel();
            throw e;
        } finally {
            async.release();
        }
    }

    @Override
    public <V> V await(CompletionStage<V> stage) throws InterruptedException, ExecutionException {
        checkOpen();
        Objects.requireNonNull(stage, "stage is null");
        Waiter<V> waiter = suspend("suspended on await", callback -> LoopOps.await(loop, stage, callback));
        if (waiter.error() != null) {
            throw new ExecutionException(waiter.error());
        }
        return waiter.value();
    }

    @Override
    public <V> V blocking(Callable<V> work) throws Exception {
        checkOpen();
        Objects.requireNonNull(work, "work is null");
        Waiter<V> waiter = suspend("suspended on blocking",
                callback -> LoopOps.blocking(loop, blockingPool, work, callback));
        rethrow(waiter.error());
        return waiter.value();
    }

    @Override
    public Connection connect(InetSocketAddress address) throws IOException {
        checkOpen();
        Objects.requireNonNull(address, "address is null");
        Waiter<LoopStream> waiter = io(null, callback -> Simulation.connect(loop, address, task(), callback));
        return track(new CoroutineConnection(this, waiter.value()));
    }

    /** A connection of this task was closed (from any coroutine of its loop): it is no longer kept. */
    void closed(CoroutineConnection connection) {
        forget(connection);
    }

    /**
     * Waits for a socket operation; a cancellation closes the connection and
     * fails the call as a blocking channel would.
     */
    <V> Waiter<V> io(AutoCloseable connection, Function<Callback<V>, Runnable> operation) throws IOException {
        Waiter<V> waiter;
        try {
            waiter = suspend("suspended on socket", operation);
        } catch (InterruptedException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (Exception ignored) {
                    // the loop's sockets close quietly
                }
            }
            Thread.currentThread().interrupt();
            ClosedByInterruptException closed = new ClosedByInterruptException();
            closed.initCause(e);
            throw closed;
        }
        if (waiter.error() instanceof IOException io) {
            throw io;
        }
        if (waiter.error() != null) {
            throw new IOException(waiter.error());
        }
        return waiter;
    }

    private static void rethrow(Throwable error) throws Exception {
        if (error instanceof Exception e) {
            throw e;
        }
        if (error instanceof Error e) {
            throw e;
        }
        if (error != null) {
            throw new ExecutionException(error);
        }
    }
}
