package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.Resources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The one context of callback-style code, whatever the strategy: each
 * operation arms a loop operation and returns a future that completes on the
 * loop, so the task's callbacks run there, one at a time. The loop is a shared
 * one (CALLBACK, EVENT_LOOP) or the task's own thread driving a loop of its own
 * (the thread and process strategies). Cancelling disarms the pending
 * operations and fails their futures with {@link InterruptedException}; the
 * task's end disarms them without completing them. Accessed only on the loop;
 * an operation called from elsewhere is handed to the loop first.
 */
final class CallbackContext implements AsyncContext {

    private final TaskInfo task;
    private final EventLoop loop;
    private final Executor blocking;
    private final Resources resources = new Resources();
    /** Loop-only: operations armed and not yet completed. */
    private final List<Pending<?>> pending = new ArrayList<>();
    /** Loop-only. */
    private boolean cancelled;
    /** The task has ended; later operations are refused. Written on the loop, read anywhere: its loop may be gone. */
    private volatile boolean ended;

    /**
     * @param task     the task
     * @param loop     where its callbacks run
     * @param blocking where {@link #blocking} work runs
     */
    CallbackContext(TaskInfo task, EventLoop loop, Executor blocking) {
        this.task = task;
        this.loop = loop;
        this.blocking = blocking;
    }

    @Override
    public TaskInfo task() {
        return task;
    }

    /** @return the loop its callbacks run on */
    EventLoop loop() {
        return loop;
    }

    @Override
    public CompletionStage<Void> sleep(Duration duration) {
        Objects.requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
        return future(callback -> LoopOps.sleep(loop, duration, callback));
    }

    @Override
    public CompletionStage<Void> checkpoint() {
        return future(callback -> LoopOps.sleep(loop, Duration.ZERO, callback));
    }

    @Override
    public <V> CompletionStage<V> await(CompletionStage<V> stage) {
        Objects.requireNonNull(stage, "stage is null");
        return future(callback -> LoopOps.await(loop, stage, callback));
    }

    @Override
    public <V> CompletionStage<V> blocking(Callable<V> work) {
        Objects.requireNonNull(work, "work is null");
        return future(callback -> LoopOps.blocking(loop, blocking, work, callback));
    }

    @Override
    public CompletionStage<AsyncConnection> connect(InetSocketAddress address) {
        Objects.requireNonNull(address, "address is null");
        return this.<LoopConnection>future(callback -> LoopConnection.connect(loop, address, task, callback))
                .thenApply(connection -> new CallbackConnection(this, resources.track(connection)));
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Arms an operation; the returned future completes on the loop. An
     * operation that throws (even an {@link Error}) fails its future: it is the
     * task's step, and fails the task, not the loop.
     *
     * @param operation arms the operation with a callback, and returns how to disarm it
     * @param <V>       the result type
     * @return the operation's future
     */
    <V> CompletableFuture<V> future(Function<Callback<V>, Runnable> operation) {
        CompletableFuture<V> future = new CompletableFuture<>();
        if (ended) { // refused here, not on the loop, which may have ended with the run
            future.completeExceptionally(endedError());
        } else if (loop.inLoop()) {
            arm(future, operation);
        } else {
            loop.execute(() -> arm(future, operation));
        }
        return future;
    }

    private <V> void arm(CompletableFuture<V> future, Function<Callback<V>, Runnable> operation) {
        if (cancelled) {
            future.completeExceptionally(cancellation());
            return;
        }
        if (ended) {
            future.completeExceptionally(endedError());
            return;
        }
        Pending<V> p = new Pending<>(future);
        try {
            p.disarm = operation.apply((value, error) -> {
                pending.remove(p);
                Object outer = loop.running(); // the task itself, when its own code completed the operation inline
                loop.running(task); // the task's callbacks run now, inline: the watchdog names it if they block
                try {
                    if (error == null) {
                        future.complete(value);
                    } else {
                        future.completeExceptionally(error);
                    }
                } finally {
                    loop.running(outer);
                }
            });
        } catch (Throwable t) {
            pending.remove(p);
            future.completeExceptionally(t);
            return;
        }
        if (!future.isDone()) {
            pending.add(p);
        }
    }

    /** On the loop: disarms every pending operation and fails its future. */
    void cancel() {
        cancelled = true;
        for (Pending<?> p : disarmAll()) {
            p.future.completeExceptionally(cancellation());
        }
    }

    /**
     * On the loop, as the task ends: disarms what is still pending (an abandoned
     * timer or read must not keep the loop, or the run, alive) and closes what
     * the task left open.
     */
    void release() {
        ended = true;
        disarmAll();
        resources.close();
    }

    private List<Pending<?>> disarmAll() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<Pending<?>> armed = List.copyOf(pending);
        pending.clear();
        for (Pending<?> p : armed) {
            p.disarm.run();
        }
        return armed;
    }

    private IllegalStateException endedError() {
        return new IllegalStateException(task + " has ended; its context cannot be used any more "
                + "(a thread or callback kept it past the task's end)");
    }

    private InterruptedException cancellation() {
        return new InterruptedException(task + " was cancelled");
    }

    /** One armed operation. */
    private static final class Pending<V> {
        final CompletableFuture<V> future;
        Runnable disarm = () -> { };

        Pending(CompletableFuture<V> future) {
            this.future = future;
        }
    }
}
