package dev.concurrency.internal.gil;

import dev.concurrency.AsyncTask;
import dev.concurrency.Connection;
import dev.concurrency.Listener;
import dev.concurrency.Outcome;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskGroup;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.ChildGroup;
import dev.concurrency.internal.engine.ExecutionContext;
import dev.concurrency.internal.engine.ServerSupport;
import dev.concurrency.internal.engine.Waits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A task's {@link TaskContext} under a GIL: each wait of the engine's context
 * runs without the lock, which is taken back before the wait returns; a
 * checkpoint is the lock's switch point. Used only by the task's thread.
 */
final class GilTaskContext implements TaskContext, ServerSupport {

    private final TaskContext context;
    private final GilTask gil;
    /** Whether the engine's checkpoint suspends the task (on a loop), so it must not keep the lock. */
    private final boolean checkpointSuspends;

    GilTaskContext(TaskContext context, GilTask gil) {
        this.context = context;
        this.gil = gil;
        this.checkpointSuspends = context instanceof ExecutionContext e && e.checkpointSuspends();
    }

    @Override
    public TaskInfo task() {
        return context.task();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        gil.releasing(() -> {
            context.sleep(duration);
            return null;
        });
    }

    @Override
    public java.time.Instant now() {
        return context.now();
    }

    @Override
    public void checkpoint() throws InterruptedException {
        gil.checkpoint();
        if (checkpointSuspends) {
            gil.releasing(() -> {
                context.checkpoint();
                return null;
            });
        } else {
            context.checkpoint();
        }
    }

    @Override
    public <V> V await(CompletionStage<V> stage) throws InterruptedException, ExecutionException {
        boolean held = gil.heldByCurrentThread();
        if (held) {
            gil.release();
        }
        try {
            return context.await(stage);
        } finally {
            if (held) {
                gil.acquire();
            }
        }
    }

    @Override
    public <V> V blocking(Callable<V> work) throws Exception {
        return gil.releasing(() -> context.blocking(work));
    }

    @Override
    public Connection connect(InetSocketAddress address) throws IOException {
        return new GilConnection(gil.releasing(() -> context.connect(address)));
    }

    @Override
    public <V> V call(AsyncTask<V> task) throws Exception {
        java.util.Objects.requireNonNull(task, "task is null");
        AsyncTask<V> holdingInCallbacks = async -> gil.start(task, async);
        return gil.releasing(() -> context.call(holdingInCallbacks));
    }

    @Override
    public <V> V withTimeout(Duration timeout, Callable<V> body) throws Exception {
        return context.withTimeout(timeout, body); // the body's waits are this context's: they release the lock
    }

    @Override
    public <V> TaskGroup<V> group() {
        return engineContext().group(waits());
    }

    @Override
    public <V> ChildGroup<V> serverGroup(Consumer<Outcome<V>> endings) {
        return engineContext().group(waits(), false, endings);
    }

    private ExecutionContext engineContext() {
        if (context instanceof ExecutionContext e) {
            return e;
        }
        throw new IllegalStateException(task() + ": its engine's context runs no children");
    }

    /**
     * The engine context's waits for children, without the lock meanwhile: the
     * lock of whichever task waits (a child may join its sibling's handle).
     */
    private Waits waits() {
        Waits inner = engineContext();
        return new Waits() {
            @Override
            public void join(CompletableFuture<?> future) throws InterruptedException {
                releasingCallers(() -> {
                    inner.join(future);
                    return null;
                });
            }

            @Override
            public boolean joinQuietly(CompletableFuture<?> future, long deadlineNanos) {
                return releasingCallers(() -> inner.joinQuietly(future, deadlineNanos));
            }
        };
    }

    @Override
    public Listener listen(InetSocketAddress address) throws IOException {
        return listen(address, false);
    }

    @Override
    public Listener listen(InetSocketAddress address, boolean reusePort) throws IOException {
        Listener listener = gil.releasing(() -> engineContext().listen(address, reusePort));
        return new Listener() {
            @Override
            public Connection accept() throws IOException {
                return new GilConnection(releasingCallers(listener::accept));
            }

            @Override
            public InetSocketAddress localAddress() {
                return listener.localAddress();
            }

            @Override
            public void close() {
                listener.close();
            }

            @Override
            public String toString() {
                return listener.toString();
            }
        };
    }

    @Override
    public boolean isCancelled() {
        return context.isCancelled();
    }

    @Override
    public String toString() {
        return context.toString();
    }

    /** Runs a wait without the lock the calling thread holds (this task's, or a child's it handed an object to). */
    private static <V, E extends Exception> V releasingCallers(GilTask.Wait<V, E> wait) throws E {
        GilTask holder = GilTask.current();
        return holder == null ? wait.call() : holder.releasing(wait);
    }

    /** A connection whose reads and writes run without the lock of whichever task uses it. */
    private static final class GilConnection implements Connection {

        private final Connection connection;

        GilConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            releasingCallers(() -> {
                connection.write(src);
                return null;
            });
        }

        @Override
        public void write(String text) throws IOException {
            releasingCallers(() -> {
                connection.write(text);
                return null;
            });
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return releasingCallers(() -> connection.read(dst));
        }

        @Override
        public String readLine() throws IOException {
            return releasingCallers(connection::readLine);
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
