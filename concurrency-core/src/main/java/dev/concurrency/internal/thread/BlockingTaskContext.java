package dev.concurrency.internal.thread;

import dev.concurrency.AsyncTask;
import dev.concurrency.Connection;
import dev.concurrency.Listener;
import dev.concurrency.internal.engine.ChildLauncher;
import dev.concurrency.internal.engine.ExecutionContext;
import dev.concurrency.internal.engine.Listening;
import dev.concurrency.internal.eventloop.ThreadLoop;
import dev.concurrency.spi.TaskExecution;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one context of a task on a thread of its own (THREAD, VIRTUAL_THREAD,
 * and inside worker processes): every operation blocks the task's thread (a
 * platform thread's OS thread, or parks a virtual thread). Cancellation
 * arrives as an interrupt. An async task it {@link #call}s runs on this thread,
 * which drives a loop of its own meanwhile.
 */
public final class BlockingTaskContext extends ExecutionContext {

    private BlockingTaskContext(TaskExecution<?> execution, ChildLauncher children) {
        super(execution, children);
    }

    /**
     * @param execution the execution it serves
     * @param children  where the task's children run
     * @return its context
     */
    public static BlockingTaskContext of(TaskExecution<?> execution, ChildLauncher children) {
        return new BlockingTaskContext(execution, children);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        checkOpen();
        checkDuration(duration);
        if (duration.isZero()) {
            checkpoint();
            return;
        }
        Thread.sleep(duration);
    }

    @Override
    public void checkpoint() throws InterruptedException {
        checkOpen();
        if (Thread.interrupted()) {
            throw new InterruptedException(task() + " was cancelled");
        }
    }

    @Override
    public <V> V await(CompletionStage<V> stage) throws InterruptedException, ExecutionException {
        checkOpen();
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
        return future.get();
    }

    @Override
    public <V> V blocking(Callable<V> work) throws Exception {
        checkOpen();
        Objects.requireNonNull(work, "work is null");
        return work.call();
    }

    @Override
    public Connection connect(InetSocketAddress address) throws IOException {
        checkOpen();
        Objects.requireNonNull(address, "address is null");
        return track(new BlockingConnection(SocketChannel.open(address), address, this::forget));
    }

    @Override
    public Listener listen(InetSocketAddress address, boolean reusePort) throws IOException {
        checkOpen();
        Objects.requireNonNull(address, "address is null");
        ServerSocketChannel channel = Listening.open(address, task(), reusePort);
        return track(new BlockingListener(channel, this));
    }

    /** @return a connection accepted by a listener of this task, closed when the task ends if not before */
    Connection accepted(SocketChannel channel) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        return track(new BlockingConnection(channel, remote, this::forget));
    }

    @Override
    public void join(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            // completed: that is all a join waits for
        }
    }

    @Override
    public boolean joinQuietly(CompletableFuture<?> future, long deadlineNanos) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (ExecutionException e) {
                    return true;
                } catch (TimeoutException e) {
                    return false;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public <V> V call(AsyncTask<V> task) throws Exception {
        checkOpen();
        Objects.requireNonNull(task, "task is null");
        return ThreadLoop.call(task, task(), this::isCancelled);
    }
}
