package dev.concurrency.internal.server;

import dev.concurrency.AsyncConnectionHandler;
import dev.concurrency.ConnectionHandler;
import dev.concurrency.LoopOptions;
import dev.concurrency.ProcessOptions;
import dev.concurrency.RunOptions;
import dev.concurrency.Server;
import dev.concurrency.ServerStats;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.internal.DefaultRunner;
import dev.concurrency.internal.engine.Durations;
import dev.concurrency.internal.engine.Providers;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Server}: a runner of its strategy running the accepting tasks, one
 * per place that accepts: one task in this JVM (THREAD, VIRTUAL_THREAD), one
 * per loop (EVENT_LOOP, CALLBACK: each loop accepts on the shared port), or
 * one per worker process (PROCESS: the pre-fork model, each worker binding
 * the port with {@code SO_REUSEPORT} and accepting on its own). Where several
 * share the port, this JVM first binds it (unlistened) to resolve port 0 and
 * to report "address in use" itself. Thread-safe.
 *
 * <pre>
 *  state     | entered by                | accepts
 *  ----------+---------------------------+---------------------------------
 *  starting  | start()                   | once every acceptor listens
 *  serving   | every acceptor listens    | yes
 *  closed    | close(grace)              | no; handlers drained, runner closed
 * </pre>
 */
public final class RunningServer implements Server {

    private static final Logger log = LoggerFactory.getLogger(RunningServer.class);
    /** The longest a server waits for its acceptors to listen (worker processes start within it). */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final DefaultRunner runner;
    private final InetSocketAddress address;
    private final List<CompletableFuture<ServerStats>> acceptors;
    private final ServerCounters counters;
    private final List<LocalControl> controls;
    private final ControlServer remote;
    /** Guarded by {@code this}. */
    private ServerStats finalStats;

    private RunningServer(DefaultRunner runner, InetSocketAddress address, List<CompletableFuture<ServerStats>> acceptors,
                          ServerCounters counters, List<LocalControl> controls, ControlServer remote) {
        this.runner = runner;
        this.address = address;
        this.acceptors = acceptors;
        this.counters = counters;
        this.controls = controls;
        this.remote = remote;
    }

    /**
     * Starts a server and returns once it listens.
     *
     * @param address where to listen
     * @param handler a {@link ConnectionHandler} or an {@link AsyncConnectionHandler}
     * @param options its strategy and settings
     * @return the listening server
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static Server start(InetSocketAddress address, Object handler, RunOptions options) throws IOException {
        Objects.requireNonNull(address, "address is null");
        Objects.requireNonNull(handler, "handler is null");
        Objects.requireNonNull(options, "options is null");
        Strategy strategy = options.strategy();
        options.option(dev.concurrency.LoopOptions.class).flatMap(o -> o.simulatedSeed().isPresent()
                ? java.util.Optional.of(o) : java.util.Optional.empty()).ifPresent(o -> {
                    throw new IllegalArgumentException("a server cannot be simulated (" + o.settings() + "): no "
                            + "client outside a simulated run can reach its in-memory network. Simulate a run whose "
                            + "tasks are the server and its clients, with TaskContext.listen and connect");
                });
        if (strategy == Strategy.CLUSTER) {
            throw new IllegalArgumentException("CLUSTER does not serve: its accepting task would run on a cluster "
                    + "member, which may be another machine than " + address + ", and no member reports back to a "
                    + "server in this JVM; serve under PROCESS (worker processes of this machine, each accepting on "
                    + "the port) or an in-process strategy");
        }
        boolean async = handler instanceof AsyncConnectionHandler;
        if (strategy == Strategy.CALLBACK && !async) {
            throw new IllegalArgumentException("CALLBACK runs callback-style code only: use Concurrency.serveAsync "
                    + "with an AsyncConnectionHandler, or serve this ConnectionHandler under EVENT_LOOP");
        }
        if (strategy == Strategy.PROCESS && async) {
            throw new IllegalArgumentException("PROCESS serves a ConnectionHandler in each worker process (Concurrency.serve); "
                    + "serveAsync runs under CALLBACK, EVENT_LOOP and the thread strategies");
        }
        if (options.deadline().isPresent() || options.isFailFast()) {
            throw new IllegalArgumentException("a server runs until it is closed: deadline and failFast bound a run "
                    + "of tasks and do not apply to serve (taskTimeout bounds each connection's handler)");
        }
        int places = places(options);
        Duration handlerTimeout = options.taskTimeout().orElse(null);
        boolean shared = places > 1 || strategy == Strategy.PROCESS;
        int maxActive = strategy == Strategy.THREAD
                ? Providers.installed().checkOptions(options).admissionBound(options)
                : options.maxConcurrency().orElse(Integer.MAX_VALUE);
        SocketChannel probe = shared ? probe(address, strategy) : null;
        InetSocketAddress bind = probe != null ? (InetSocketAddress) probe.getLocalAddress() : address;
        DefaultRunner runner = null;
        ControlServer remote = null;
        List<CompletableFuture<ServerStats>> acceptors = new ArrayList<>();
        try {
            runner = new DefaultRunner(options);
            ServerCounters counters = new ServerCounters();
            List<LocalControl> controls = new ArrayList<>();
            remote = strategy == Strategy.PROCESS ? new ControlServer(places) : null;
            for (int i = 0; i < places; i++) {
                LocalControl control = remote == null ? new LocalControl() : null;
                Task<ServerStats> acceptor = async
                        ? new AsyncAcceptor(bind, (AsyncConnectionHandler) handler, maxActive, shared, handlerTimeout,
                        counters, control)
                        : new Acceptor(bind, (ConnectionHandler) handler, maxActive, shared, handlerTimeout,
                        remote == null ? null : remote.address(), remote == null ? counters : null, control);
                CompletableFuture<ServerStats> running = runner.submit(acceptor);
                acceptors.add(running);
                if (control != null) {
                    controls.add(control);
                    running.whenComplete((v, e) -> control.ready.completeExceptionally(e != null ? e
                            : new IllegalStateException("the server's accepting task ended before it listened")));
                }
            }
            InetSocketAddress bound = awaitListening(controls, remote, acceptors);
            RunningServer server = new RunningServer(runner, probe != null ? bind : bound, acceptors, counters,
                    controls, remote);
            log.debug("serving on {} under {} ({} accepting)", server.address, strategy, places);
            return server;
        } catch (IOException | RuntimeException | Error e) {
            for (CompletableFuture<ServerStats> a : acceptors) {
                a.cancel(true);
            }
            if (runner != null) {
                runner.close();
            }
            if (remote != null) {
                remote.close();
            }
            throw e;
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    private static int places(RunOptions options) {
        return switch (options.strategy()) {
            case PROCESS -> options.option(ProcessOptions.class).flatMap(p -> {
                java.util.OptionalInt w = p.workers();
                return w.isPresent() ? java.util.Optional.of(w.getAsInt()) : java.util.Optional.empty();
            }).orElse(Runtime.getRuntime().availableProcessors());
            case EVENT_LOOP, CALLBACK -> options.option(LoopOptions.class).map(LoopOptions::loops).orElse(1);
            default -> 1;
        };
    }

    /** Binds the port unlistened with {@code SO_REUSEPORT}: resolves port 0, and reports a port in use here. */
    private static SocketChannel probe(InetSocketAddress address, Strategy strategy) throws IOException {
        SocketChannel probe = SocketChannel.open();
        try {
            if (!probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                throw new IOException(strategy + " servers accept on one port from several places, which needs "
                        + "SO_REUSEPORT, and this system does not support it; serve under THREAD or VIRTUAL_THREAD");
            }
            probe.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            probe.bind(address);
            return probe;
        } catch (IOException e) {
            probe.close();
            if (e instanceof BindException) {
                BindException named = new BindException("cannot serve on " + address + ": " + e.getMessage()
                        + (address.getPort() != 0 ? " (is another server on that port? use port 0 for a free one)"
                        : ""));
                named.initCause(e);
                throw named;
            }
            throw e;
        }
    }

    private static InetSocketAddress awaitListening(List<LocalControl> controls, ControlServer remote,
                                                    List<CompletableFuture<ServerStats>> acceptors)
            throws IOException {
        CompletableFuture<?> ready;
        if (remote != null) {
            ready = remote.allReady;
            for (CompletableFuture<ServerStats> a : acceptors) {
                a.whenComplete((v, e) -> remote.allReady.completeExceptionally(e != null ? e
                        : new IllegalStateException("a worker's accepting task ended before it listened")));
            }
        } else {
            ready = CompletableFuture.allOf(controls.stream().map(c -> c.ready).toArray(CompletableFuture[]::new));
        }
        try {
            ready.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof dev.concurrency.TaskFailedException failed && failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("the server could not start: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the server's accepting tasks did not listen within "
                    + START_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the server started", e);
        }
        return controls.isEmpty() ? null : controls.get(0).ready.join();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public synchronized ServerStats stats() {
        if (finalStats != null) {
            return finalStats;
        }
        return remote != null ? remote.latest() : counters.snapshot();
    }

    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    @Override
    public synchronized void close(Duration grace) {
        Objects.requireNonNull(grace, "grace is null");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace: " + grace + " (expected: >= 0)");
        }
        if (finalStats != null) {
            return;
        }
        for (LocalControl control : controls) {
            control.stop(grace);
        }
        if (remote != null) {
            remote.stopAll(grace);
        }
        // draining takes the grace, then cancelled handlers a grace of their own to stop
        long deadline = System.nanoTime() + grace.plus(Durations.STOP_GRACE.multipliedBy(2))
                .plusSeconds(remote != null ? 5 : 1).toNanos();
        ServerStats sum = ServerStats.NONE;
        for (CompletableFuture<ServerStats> acceptor : acceptors) {
            try {
                sum = sum.plus(acceptor.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                log.warn("a server's accepting task did not drain in time; it is cancelled");
                acceptor.cancel(true);
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                log.warn("a server's accepting task failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                acceptor.cancel(true);
            }
        }
        runner.close();
        if (remote != null) {
            remote.close();
        }
        finalStats = remote != null ? sum : counters.snapshot();
        log.debug("server on {} closed: {}", address, finalStats);
    }

    @Override
    public String toString() {
        return "Server[" + address + ", " + runner.options().strategy() + "]";
    }
}
