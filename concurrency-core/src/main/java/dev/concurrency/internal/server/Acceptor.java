package dev.concurrency.internal.server;

import dev.concurrency.Connection;
import dev.concurrency.ConnectionHandler;
import dev.concurrency.Listener;
import dev.concurrency.ServerStats;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.internal.engine.ChildGroup;
import dev.concurrency.internal.engine.ServerSupport;
import dev.concurrency.internal.engine.Untimed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A server's accepting task, in direct style: it listens, and runs the handler
 * on each accepted connection as a child task (a thread, a virtual thread, a
 * coroutine on its loop, a thread of its worker process). When every handler
 * slot is taken it stops accepting until one ends (backpressure: the system's
 * backlog holds the rest). Told to stop, it closes its listener, lets open
 * connections finish within the grace, cancels the rest, and returns its
 * figures. It is serializable: under PROCESS each worker runs a copy, sharing
 * the port ({@code SO_REUSEPORT}) and talking to the server over a
 * {@link RemoteControl}. The run's {@code taskTimeout} bounds each handler,
 * not this task.
 */
final class Acceptor implements Task<ServerStats>, Untimed {

    private static final long serialVersionUID = 1L;
    /** Connections accepted in a row before the accepting task lets others run (on a loop, the handlers). */
    static final int BURST = 16;

    private final InetSocketAddress address;
    private final ConnectionHandler handler;
    private final int maxActive;
    private final boolean reusePort;
    /** The run's {@code taskTimeout}, applied to each handler; {@code null} for none. */
    private final Duration handlerTimeout;
    /** Where the server listens for its workers' control connections; {@code null} in its own JVM. */
    private final InetSocketAddress control;
    /** In the server's JVM: the shared figures and control; absent in a copy. */
    private final transient ServerCounters localCounters;
    private final transient LocalControl localControl;

    Acceptor(InetSocketAddress address, ConnectionHandler handler, int maxActive, boolean reusePort,
             Duration handlerTimeout, InetSocketAddress control, ServerCounters localCounters,
             LocalControl localControl) {
        this.address = address;
        this.handler = handler;
        this.maxActive = maxActive;
        this.reusePort = reusePort;
        this.handlerTimeout = handlerTimeout;
        this.control = control;
        this.localCounters = localCounters;
        this.localControl = localControl;
    }

    @Override
    public String name() {
        return "server " + address;
    }

    @Override
    public ServerStats run(TaskContext ctx) throws Exception {
        if (!(ctx instanceof ServerSupport support)) {
            throw new IllegalStateException(ctx.task() + ": its strategy's context cannot run a server");
        }
        ServerCounters counters = localCounters != null ? localCounters : new ServerCounters();
        RemoteControl remote = localControl == null ? new RemoteControl(ctx, control, counters) : null;
        Control to = localControl != null ? localControl : remote;
        Listener listener;
        try {
            listener = support.listen(address, reusePort);
        } catch (IOException | RuntimeException e) {
            to.failed(e);
            throw e;
        }
        try (remote) {
            to.listening(listener);
            ChildGroup<Void> handlers = support.serverGroup(counters::ended);
            handlers.lendParentThread(); // the handlers have the whole pool; accepting waits for none
            try {
                acceptUntilStopped(ctx, listener, handlers, counters, to);
                try {
                    ctx.withTimeout(to.grace(), () -> {
                        handlers.close();
                        return null;
                    });
                } catch (TimeoutException e) {
                    // the grace ran out: the handlers still open were cancelled
                }
            } finally {
                handlers.returnParentThread();
            }
        }
        return counters.snapshot();
    }

    private void acceptUntilStopped(TaskContext ctx, Listener listener, ChildGroup<Void> handlers,
                                    ServerCounters counters, Control to) throws Exception {
        long k = 0;
        while (true) {
            while (counters.active() >= maxActive && !to.stopping()) {
                CompletableFuture<Void> freed = counters.nextFree();
                if (counters.active() < maxActive) {
                    break;
                }
                handlers.waitFor(CompletableFuture.anyOf(freed, to.stopRequested())); // a close ends the wait too
            }
            if (to.stopping()) {
                return;
            }
            Connection connection;
            try {
                connection = listener.accept();
            } catch (IOException e) {
                if (to.stopping()) {
                    return;
                }
                throw e;
            }
            counters.accepted();
            if (k % BURST == BURST - 1) {
                ctx.checkpoint(); // a burst of waiting connections must not keep the loop from the handlers
            }
            handlers.spawn(Task.named("connection-" + k++, child -> {
                try (connection) {
                    if (handlerTimeout == null) {
                        handler.handle(connection, child);
                    } else {
                        child.withTimeout(handlerTimeout, () -> {
                            handler.handle(connection, child);
                            return null;
                        });
                    }
                }
                return null;
            }));
        }
    }
}
