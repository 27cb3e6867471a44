package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.Resources;
import dev.concurrency.internal.gil.GilHolder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The context of {@link dev.concurrency.Strategy#CALLBACK}: each operation
 * arms a loop operation and returns a future that completes on the loop
 * thread. Cancelling the task disarms its pending operations and fails their
 * futures with {@link InterruptedException}. Accessed only on the loop; an
 * operation called from elsewhere is handed to the loop first.
 */
final class CallbackContext implements AsyncContext {

    private final TaskInfo task;
    private final EventLoop loop;
    private final ExecutorService blockingPool;
    private final Resources resources = new Resources();
    /** Loop-only: operations armed and not yet completed. */
    private final List<Pending<?>> pending = new ArrayList<>();
    /** Loop-only. */
    private boolean cancelled;

    /** The task's hold on the run's interpreter lock, taken while its callbacks run; {@code null} without one. */
    private final GilHolder gil;

    CallbackContext(TaskInfo task, EventLoop loop, ExecutorService blockingPool, GilHolder gil) {
        this.task = task;
        this.loop = loop;
        this.blockingPool = blockingPool;
        this.gil = gil;
    }

    @Override
    public TaskInfo task() {
        return task;
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
        return future(callback -> LoopOps.blocking(loop, blockingPool, work, callback));
    }

    @Override
    public CompletionStage<AsyncConnection> connect(InetSocketAddress address) {
        Objects.requireNonNull(address, "address is null");
        return this.<LoopConnection>future(callback -> LoopConnection.connect(loop, address, callback))
                .thenApply(connection -> new CallbackConnection(this, resources.track(connection)));
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Arms an operation; the returned future completes on the loop.
     *
     * @param operation arms the operation with a callback, and returns how to disarm it
     * @param <V>       the result type
     * @return the operation's future
     */
    <V> CompletableFuture<V> future(Function<Callback<V>, Runnable> operation) {
        CompletableFuture<V> future = new CompletableFuture<>();
        if (loop.inLoop()) {
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
        Pending<V> p = new Pending<>(future);
        p.disarm = operation.apply((value, error) -> {
            pending.remove(p);
            Object outer = loop.running(); // the task itself, when its own code completed the operation inline
            loop.running(task); // the task's callbacks run now, inline: the watchdog names it if they block
            boolean took = gil != null && !gil.isHeld();
            if (took) {
                gil.acquire();
            }
            try {
                if (error == null) {
                    future.complete(value);
                } else {
                    future.completeExceptionally(error);
                }
            } finally {
                if (took) {
                    gil.release();
                }
                loop.running(outer);
            }
        });
        if (!future.isDone()) {
            pending.add(p);
        }
    }

    /** On the loop: disarms every pending operation and fails its future. */
    void cancel() {
        cancelled = true;
        List<Pending<?>> armed = List.copyOf(pending);
        pending.clear();
        for (Pending<?> p : armed) {
            p.disarm.run();
            p.future.completeExceptionally(cancellation());
        }
    }

    /** On the loop: closes what the task left open. */
    void release() {
        resources.close();
    }

    private InterruptedException cancellation() {
        return new InterruptedException(task + " was cancelled");
    }

    /** One armed operation. */
    private static final class Pending<V> {
        final CompletableFuture<V> future;
        Runnable disarm;

        Pending(CompletableFuture<V> future) {
            this.future = future;
        }
    }
}
