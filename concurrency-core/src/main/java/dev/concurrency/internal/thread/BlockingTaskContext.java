package dev.concurrency.internal.thread;

import dev.concurrency.Connection;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.ExecutionContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The task context of the thread strategies: every operation blocks the
 * task's thread (a platform thread's OS thread, or parks a virtual thread).
 * Cancellation arrives as an interrupt.
 */
public final class BlockingTaskContext extends ExecutionContext {

    /**
     * @param execution the execution it serves
     */
    public BlockingTaskContext(Execution<?> execution) {
        super(execution);
    }

    /** Releases the interpreter lock around a socket wait of one of this task's connections. */
    void beforeWait() {
        releaseGil();
    }

    /** Takes the interpreter lock back after a socket wait. */
    void afterWait() {
        acquireGil();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        checkDuration(duration);
        if (duration.isZero()) {
            checkpoint();
            return;
        }
        releaseGil();
        try {
            Thread.sleep(duration);
        } finally {
            acquireGil();
        }
    }

    @Override
    public void checkpoint() throws InterruptedException {
        gilCheckpoint();
        if (Thread.interrupted()) {
            throw new InterruptedException(task() + " was cancelled");
        }
    }

    @Override
    public <V> V await(CompletionStage<V> stage) throws InterruptedException, ExecutionException {
        Objects.requireNonNull(stage, "stage is null");
        CompletableFuture<V> future = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        releaseGil();
        try {
            return future.get();
        } finally {
            acquireGil();
        }
    }

    @Override
    public <V> V blocking(Callable<V> work) throws Exception {
        Objects.requireNonNull(work, "work is null");
        releaseGil();
        try {
            return work.call();
        } finally {
            acquireGil();
        }
    }

    @Override
    public Connection connect(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address is null");
        SocketChannel channel;
        releaseGil();
        try {
            channel = SocketChannel.open(address);
        } finally {
            acquireGil();
        }
        return track(new BlockingConnection(channel, address, this));
    }
}
