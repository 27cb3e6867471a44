package dev.concurrency.internal.server;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncConnectionHandler;
import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncListener;
import dev.concurrency.AsyncTask;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.ServerStats;
import dev.concurrency.internal.engine.AsyncServerSupport;
import dev.concurrency.internal.engine.Untimed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A server's accepting task in callback form: accepts on the loop and begins
 * the handler on each connection as a child async task on the same loop. It
 * accepts connections that are already waiting in one turn (a trampoline, not
 * a chain of stages, so a burst of connections never deepens the stack), and
 * waits for a handler to end when every slot is taken. Told to stop, it
 * drains as {@link Acceptor} does. Runs in the server's JVM only.
 */
final class AsyncAcceptor implements AsyncTask<ServerStats>, Untimed {

    private static final long serialVersionUID = 1L;

    private final InetSocketAddress address;
    private final AsyncConnectionHandler handler;
    private final int maxActive;
    private final boolean reusePort;
    /** The run's {@code taskTimeout}, applied to each handler; {@code null} for none. */
    private final Duration handlerTimeout;
    private final transient ServerCounters counters;
    private final transient LocalControl control;

    AsyncAcceptor(InetSocketAddress address, AsyncConnectionHandler handler, int maxActive, boolean reusePort,
                  Duration handlerTimeout, ServerCounters counters, LocalControl control) {
        this.address = address;
        this.handler = handler;
        this.maxActive = maxActive;
        this.reusePort = reusePort;
        this.handlerTimeout = handlerTimeout;
        this.counters = counters;
        this.control = control;
    }

    @Override
    public String name() {
        return "server " + address;
    }

    @Override
    public CompletionStage<ServerStats> start(AsyncContext ctx) throws Exception {
        if (!(ctx instanceof AsyncServerSupport support)) {
            throw new IllegalStateException(ctx.task() + ": its strategy's context cannot run a server");
        }
        AsyncListener listener;
        try {
            listener = support.listen(address, reusePort);
        } catch (IOException | RuntimeException e) {
            control.failed(e);
            throw e;
        }
        control.listening(new ListenerView(listener));
        AsyncTaskGroup<Void> handlers = support.serverGroup(counters::ended);
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        new Loop(ctx, listener, handlers, stopped).next();
        return stopped
                .thenCompose(v -> ctx.withTimeout(control.grace(), handlers::close)
                        .handle((ignored, error) -> (Void) null)) // a grace that ran out cancelled the rest
                .thenApply(v -> counters.snapshot());
    }

    /** The accept loop: one object, re-entered from each accept's completion. Loop-only. */
    private final class Loop {
        private final AsyncContext ctx;
        private final AsyncListener listener;
        private final AsyncTaskGroup<Void> handlers;
        private final CompletableFuture<Void> stopped;
        private long k;

        Loop(AsyncContext ctx, AsyncListener listener, AsyncTaskGroup<Void> handlers,
             CompletableFuture<Void> stopped) {
            this.ctx = ctx;
            this.listener = listener;
            this.handlers = handlers;
            this.stopped = stopped;
        }

        void next() {
            for (int burst = 0; ; burst++) {
                if (burst == Acceptor.BURST) { // a burst of waiting connections: let the handlers run first
                    ctx.checkpoint().whenComplete((v, e) -> {
                        if (e != null) {
                            stopped.completeExceptionally(e);
                        } else {
                            next();
                        }
                    });
                    return;
                }
                if (control.stopping()) {
                    stopped.complete(null);
                    return;
                }
                if (counters.active() >= maxActive) {
                    CompletableFuture<Void> freed = counters.nextFree();
                    if (counters.active() >= maxActive) { // a close ends the wait too
                        ctx.await(CompletableFuture.anyOf(freed, control.stopRequested())).whenComplete((v, e) -> {
                            if (e != null) {
                                stopped.completeExceptionally(e); // cancelled
                            } else {
                                next();
                            }
                        });
                        return;
                    }
                }
                CompletableFuture<AsyncConnection> accepted = listener.accept().toCompletableFuture();
                if (!accepted.isDone()) {
                    accepted.whenComplete((c, e) -> {
                        if (took(c, e)) {
                            next();
                        }
                    });
                    return;
                }
                if (!took(accepted.getNow(null), accepted.isCompletedExceptionally() ? error(accepted) : null)) {
                    return;
                }
            }
        }

        /** @return whether to accept again */
        private boolean took(AsyncConnection connection, Throwable error) {
            if (error != null) {
                if (control.stopping()) {
                    stopped.complete(null);
                } else {
                    stopped.completeExceptionally(error);
                }
                return false;
            }
            counters.accepted();
            handlers.spawn(AsyncTask.named("connection-" + k++, child -> {
                CompletionStage<Void> served;
                try {
                    served = handlerTimeout == null ? handler.handle(connection, child)
                            : child.withTimeout(handlerTimeout, () -> handle(connection, child));
                } catch (Exception | Error e) {
                    connection.close();
                    throw e;
                }
                if (served == null) {
                    connection.close();
                    throw new NullPointerException("the connection handler returned a null stage");
                }
                return served.whenComplete((v, e) -> connection.close());
            }));
            return true;
        }

        private CompletionStage<Void> handle(AsyncConnection connection, AsyncContext child) {
            try {
                return handler.handle(connection, child);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        private Throwable error(CompletableFuture<?> failed) {
            try {
                failed.join();
                return null;
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                return e.getCause() != null ? e.getCause() : e;
            }
        }
    }

    /** The async listener seen as the {@link dev.concurrency.Listener} the control closes. */
    private record ListenerView(AsyncListener listener) implements dev.concurrency.Listener {
        @Override
        public dev.concurrency.Connection accept() {
            throw new UnsupportedOperationException("accepted through its async form");
        }

        @Override
        public InetSocketAddress localAddress() {
            return listener.localAddress();
        }

        @Override
        public void close() {
            listener.close();
        }
    }
}
