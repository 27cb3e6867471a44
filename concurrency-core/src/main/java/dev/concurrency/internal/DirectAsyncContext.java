package dev.concurrency.internal;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncContext;
import dev.concurrency.Connection;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AsyncContext} over a direct-style {@link TaskContext}, so that an
 * {@link dev.concurrency.AsyncTask} runs under the strategies that are not
 * callback-driven: each operation waits in place, the strategy's way, and
 * returns a completed stage; except reads, which run on a virtual thread of
 * their own (unless the run has a GIL), so that a task may arm a read before
 * the write that answers it, as on a loop. Used by the thread running the task.
 */
public final class DirectAsyncContext implements AsyncContext {

    private final TaskContext ctx;
    /** Stages from {@link #await} not yet completed; they may complete on any thread. */
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    /** Threads reading for the task in the background; each ends with its read and the callbacks it runs. */
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
    /**
     * Whether reads run in the background, so that a read may be pending while the task writes, as on a
     * loop. Not under a GIL: the lock is the task's, held by one thread at a time.
     */
    private final boolean backgroundReads;
    private volatile boolean cancelled;

    private DirectAsyncContext(TaskContext ctx) {
        this.ctx = ctx;
        this.backgroundReads = !(ctx instanceof dev.concurrency.internal.engine.ExecutionContext e && e.hasGil());
    }

    /**
     * @param ctx the task's direct-style context
     * @return the same operations as stages
     */
    public static DirectAsyncContext over(TaskContext ctx) {
        return new DirectAsyncContext(ctx);
    }

    @Override
    public TaskInfo task() {
        return ctx.task();
    }

    @Override
    public CompletionStage<Void> sleep(Duration duration) {
        Objects.requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " (expected: >= 0)");
        }
        return now(() -> {
            ctx.sleep(duration);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> checkpoint() {
        return now(() -> {
            ctx.checkpoint();
            return null;
        });
    }

    @Override
    public <V> CompletionStage<V> await(CompletionStage<V> stage) {
        Objects.requireNonNull(stage, "stage is null");
        CompletableFuture<V> future = new CompletableFuture<>();
        if (cancelled) {
            future.completeExceptionally(cancellation());
            return future;
        }
        pending.add(future);
        stage.whenComplete((value, error) -> {
            pending.remove(future);
            if (error == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        return future;
    }

    /**
     * The task was cancelled or timed out: its pending stages fail with an
     * {@link InterruptedException}, and later operations fail at once, as
     * under CALLBACK. Called by the task's thread as its run ends.
     */
    public void cancel() {
        cancelled = true;
        for (CompletableFuture<?> future : List.copyOf(pending)) {
            pending.remove(future);
            future.completeExceptionally(cancellation());
        }
    }

    private InterruptedException cancellation() {
        return new InterruptedException(ctx.task() + " was cancelled");
    }

    @Override
    public <V> CompletionStage<V> blocking(Callable<V> work) {
        Objects.requireNonNull(work, "work is null");
        return now(() -> ctx.blocking(work));
    }

    @Override
    public CompletionStage<AsyncConnection> connect(InetSocketAddress address) {
        Objects.requireNonNull(address, "address is null");
        return now(() -> new DirectConnection(ctx.connect(address)));
    }

    /**
     * The task's run ends: readers still blocked are interrupted (which closes their connection, as
     * the task's end would) and joined, so no thread of the task outlives it.
     */
    public void close() {
        boolean interrupted = false;
        while (!readers.isEmpty()) {
            for (Thread reader : List.copyOf(readers)) {
                reader.interrupt();
                try {
                    reader.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                readers.remove(reader);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a read on a virtual thread of its own; its stage completes there. */
    private <V> CompletionStage<V> inBackground(Callable<V> read) {
        if (!backgroundReads) {
            return completed(read);
        }
        if (cancelled) {
            return CompletableFuture.failedFuture(cancellation());
        }
        CompletableFuture<V> future = new CompletableFuture<>();
        pending.add(future);
        Thread reader = Thread.ofVirtual().name("concurrency-async-read").unstarted(() -> {
            try {
                V value = read.call();
                pending.remove(future);
                future.complete(value);
            } catch (Throwable t) {
                pending.remove(future);
                future.completeExceptionally(t);
            } finally {
                readers.remove(Thread.currentThread());
            }
        });
        readers.add(reader);
        reader.start();
        return future;
    }

    @Override
    public boolean isCancelled() {
        return ctx.isCancelled();
    }

    private <V> CompletionStage<V> now(Callable<V> operation) {
        return cancelled ? CompletableFuture.failedFuture(cancellation()) : completed(operation);
    }

    private static <V> CompletionStage<V> completed(Callable<V> operation) {
        try {
            return CompletableFuture.completedFuture(operation.call());
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** A direct-style connection as stages. */
    private final class DirectConnection implements AsyncConnection {

        private final Connection connection;

        DirectConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public CompletionStage<Void> write(ByteBuffer src) {
            return completed(() -> {
                connection.write(src);
                return null;
            });
        }

        @Override
        public CompletionStage<Void> write(String text) {
            return completed(() -> {
                connection.write(text);
                return null;
            });
        }

        @Override
        public CompletionStage<Integer> read(ByteBuffer dst) {
            return inBackground(() -> connection.read(dst));
        }

        @Override
        public CompletionStage<String> readLine() {
            return inBackground(connection::readLine);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return connection.remoteAddress();
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
