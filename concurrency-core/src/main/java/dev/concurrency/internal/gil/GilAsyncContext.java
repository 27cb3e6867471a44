package dev.concurrency.internal.gil;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncHandle;
import dev.concurrency.AsyncListener;
import dev.concurrency.AsyncTask;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.Outcome;
import dev.concurrency.internal.engine.AsyncServerSupport;
import dev.concurrency.AsyncContext;
import dev.concurrency.TaskInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An {@link dev.concurrency.AsyncTask}'s context under a GIL: every stage it
 * returns completes holding the lock, so the callbacks chained to it run
 * holding it, and the waits between them do not; blocking work runs without it.
 * Used as the engine's callback context is: on the task's loop or thread.
 */
final class GilAsyncContext implements AsyncContext, AsyncServerSupport {

    private final AsyncContext context;
    private final GilTask gil;

    GilAsyncContext(AsyncContext context, GilTask gil) {
        this.context = context;
        this.gil = gil;
    }

    /** @return a stage that completes as {@code stage} does, holding the lock while its callbacks run */
    private <V> CompletionStage<V> holding(CompletionStage<V> stage) {
        CompletableFuture<V> held = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            boolean took = !gil.lockHeldByCurrentThread();
            if (took) {
                gil.acquire();
            }
            try {
                if (error == null) {
                    held.complete(value);
                } else {
                    held.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                }
            } finally {
                if (took) {
                    gil.release();
                }
            }
        });
        return held;
    }

    @Override
    public TaskInfo task() {
        return context.task();
    }

    @Override
    public CompletionStage<Void> sleep(Duration duration) {
        return holding(context.sleep(duration));
    }

    @Override
    public java.time.Instant now() {
        return context.now();
    }

    @Override
    public CompletionStage<Void> checkpoint() {
        gil.checkpoint();
        return holding(context.checkpoint());
    }

    @Override
    public <V> CompletionStage<V> await(CompletionStage<V> stage) {
        return holding(context.await(stage));
    }

    @Override
    public <V> CompletionStage<V> blocking(Callable<V> work) {
        if (work == null) {
            return context.blocking(null); // the engine's context names the argument
        }
        return holding(context.blocking(() -> gil.releasing(work::call)));
    }

    @Override
    public CompletionStage<AsyncConnection> connect(InetSocketAddress address) {
        return holding(context.connect(address)).thenApply(GilAsyncConnection::new);
    }

    @Override
    public <V> CompletionStage<V> withTimeout(Duration timeout, Supplier<? extends CompletionStage<V>> body) {
        return holding(context.withTimeout(timeout, body));
    }

    @Override
    public <V> AsyncTaskGroup<V> group() {
        return holdingGroup(context.group());
    }

    @Override
    public <V> AsyncTaskGroup<V> serverGroup(Consumer<Outcome<V>> endings) {
        return holdingGroup(support().serverGroup(endings));
    }

    private AsyncServerSupport support() {
        if (context instanceof AsyncServerSupport s) {
            return s;
        }
        throw new IllegalStateException(task() + ": its engine's context runs no server");
    }

    /** A group whose stages complete holding the lock, as the context's do. */
    private <V> AsyncTaskGroup<V> holdingGroup(AsyncTaskGroup<V> group) {
        return new AsyncTaskGroup<>() {
            @Override
            public AsyncTaskGroup<V> failFast(boolean failFast) {
                group.failFast(failFast);
                return this;
            }

            @Override
            public AsyncHandle<V> spawn(AsyncTask<V> task) {
                AsyncHandle<V> handle = group.spawn(task);
                return new AsyncHandle<>() {
                    @Override
                    public TaskInfo task() {
                        return handle.task();
                    }

                    @Override
                    public CompletionStage<V> join() {
                        return holding(handle.join());
                    }

                    @Override
                    public void cancel() {
                        handle.cancel();
                    }

                    @Override
                    public boolean isDone() {
                        return handle.isDone();
                    }
                };
            }

            @Override
            public CompletionStage<List<Outcome<V>>> join() {
                return holding(group.join());
            }

            @Override
            public CompletionStage<Void> close() {
                return holding(group.close());
            }
        };
    }

    @Override
    public AsyncListener listen(InetSocketAddress address) {
        return holdingListener(context.listen(address));
    }

    @Override
    public AsyncListener listen(InetSocketAddress address, boolean reusePort) throws IOException {
        return holdingListener(support().listen(address, reusePort));
    }

    private AsyncListener holdingListener(AsyncListener listener) {
        return new AsyncListener() {
            @Override
            public CompletionStage<AsyncConnection> accept() {
                return holding(listener.accept()).thenApply(GilAsyncConnection::new);
            }

            @Override
            public InetSocketAddress localAddress() {
                return listener.localAddress();
            }

            @Override
            public void close() {
                listener.close();
            }
        };
    }

    @Override
    public boolean isCancelled() {
        return context.isCancelled();
    }

    /** A connection whose stages complete holding the lock. */
    private final class GilAsyncConnection implements AsyncConnection {

        private final AsyncConnection connection;

        GilAsyncConnection(AsyncConnection connection) {
            this.connection = connection;
        }

        @Override
        public CompletionStage<Void> write(ByteBuffer src) {
            return holding(connection.write(src));
        }

        @Override
        public CompletionStage<Void> write(String text) {
            return holding(connection.write(text));
        }

        @Override
        public CompletionStage<Integer> read(ByteBuffer dst) {
            return holding(connection.read(dst));
        }

        @Override
        public CompletionStage<String> readLine() {
            return holding(connection.readLine());
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return connection.remoteAddress();
        }

        @Override
        public void close() {
            connection.close();
        }

        @Override
        public String toString() {
            return connection.toString();
        }
    }
}
