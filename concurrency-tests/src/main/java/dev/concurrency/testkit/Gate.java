package dev.concurrency.testkit;

import dev.concurrency.AsyncContext;
import dev.concurrency.Connection;
import dev.concurrency.TaskContext;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A gate that tasks wait at until the test (or another task) opens it: the
 * cross-process stand-in for a latch a task would capture. The test starts
 * one, a loopback TCP server in the test's JVM; tasks capture the gate, which
 * is {@link Serializable} (a copy is its address only), and reach it through
 * their own context's {@code connect}, so each strategy waits its own way: a
 * thread blocks, a coroutine suspends, a callback-style task waits on stages,
 * and a task in a worker process reaches the test's server.
 *
 * <ul>
 *   <li>{@link #arrive(TaskContext)}: a task says it got here, and goes on;</li>
 *   <li>{@link #pass(TaskContext)}: a task says it got here, and waits until the gate is open;</li>
 *   <li>{@link #open(TaskContext)} or {@link #open()}: a task or the test opens the gate, for good.</li>
 * </ul>
 *
 * The test can {@linkplain #awaitArrivals await arrivals} (each named after
 * the arriving task's {@link dev.concurrency.TaskInfo}), and
 * {@linkplain #awaitAbandoned await passers that stopped waiting} before the
 * gate opened (a cancelled, timed-out or killed task). Closing the gate closes
 * its server and every connection (a waiting task's wait fails), and joins
 * its threads. The test-side methods work only on the gate {@link #start()}
 * returned, not on a copy.
 *
 * <pre>{@code
 * try (Gate gate = Gate.start()) {
 *     Task<String> task = ctx -> { gate.pass(ctx); return "passed"; };
 *     Future<...> run = ... run it ...;
 *     assertThat(gate.awaitArrivals(1, LONG)).isTrue();
 *     gate.open();
 * }
 * }</pre>
 *
 * This class is thread-safe.
 */
public final class Gate implements Serializable, AutoCloseable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The server's host address, as text; a copy reaches the server through it. */
    private final String host;
    /** The server's port. */
    private final int port;

    /** The server, in the gate the test started; null in copies. */
    private final transient GateServer server;

    private Gate(GateServer server) {
        this.server = server;
        this.host = server.host();
        this.port = server.port();
    }

    /**
     * Starts a closed gate on an ephemeral port of the loopback address.
     *
     * @return the gate
     * @throws IOException if it cannot bind
     */
    public static Gate start() throws IOException {
        return new Gate(new GateServer());
    }

    /** {@return the address tasks connect to} */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    // ------------------------------------------------------------------ for tasks, in direct style

    /**
     * Records that the task has got here, and returns once the test's side has counted it.
     *
     * @param ctx the task's context
     * @throws IOException if the gate is unreachable or closed, or the task is cancelled
     */
    public void arrive(TaskContext ctx) throws IOException {
        try (Connection c = ctx.connect(address())) {
            c.write(arriveCommand(ctx.task()));
            expect(c.readLine(), "ok");
        }
    }

    /**
     * Records that the task has got here, then waits until the gate is open.
     *
     * @param ctx the task's context
     * @throws IOException if the gate closes first, or the task is cancelled while it waits
     */
    public void pass(TaskContext ctx) throws IOException {
        try (Connection c = ctx.connect(address())) {
            c.write(arriveCommand(ctx.task()) + "WAIT\n");
            expect(c.readLine(), "ok");
            expect(c.readLine(), "open");
        }
    }

    /**
     * Opens the gate, letting every waiting and later task pass.
     *
     * @param ctx the task's context
     * @throws IOException if the gate is unreachable or closed, or the task is cancelled
     */
    public void open(TaskContext ctx) throws IOException {
        try (Connection c = ctx.connect(address())) {
            c.write("OPEN\n");
            expect(c.readLine(), "ok");
        }
    }

    // ------------------------------------------------------------------ for tasks, in callback style

    /**
     * {@link #arrive(TaskContext)} in callback style.
     *
     * @param ctx the task's context
     * @return completes once the arrival is counted
     */
    public CompletionStage<Void> arrive(AsyncContext ctx) {
        return exchange(ctx, arriveCommand(ctx.task()), "ok");
    }

    /**
     * {@link #pass(TaskContext)} in callback style.
     *
     * @param ctx the task's context
     * @return completes once the gate is open, or fails if it closes first
     */
    public CompletionStage<Void> pass(AsyncContext ctx) {
        return exchange(ctx, arriveCommand(ctx.task()) + "WAIT\n", "ok", "open");
    }

    /**
     * {@link #open(TaskContext)} in callback style.
     *
     * @param ctx the task's context
     * @return completes once the gate is open
     */
    public CompletionStage<Void> open(AsyncContext ctx) {
        return exchange(ctx, "OPEN\n", "ok");
    }

    // ------------------------------------------------------------------ for the test

    /** Opens the gate, letting every waiting and later task pass. */
    public void open() {
        server().open();
    }

    /** {@return whether the gate has been opened} */
    public boolean isOpen() {
        return server().isOpen();
    }

    /**
     * Waits until at least {@code n} arrivals in all have been counted.
     *
     * @param n       how many
     * @param timeout the longest to wait
     * @return whether they were
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitArrivals(int n, Duration timeout) throws InterruptedException {
        return server().awaitArrivals(n, timeout);
    }

    /** {@return who arrived, in order: each arriving task's {@code TaskInfo} as text, such as {@code tasks[0] 'x'}} */
    public List<String> arrivals() {
        return server().arrivals();
    }

    /**
     * Waits until at least {@code n} tasks in all have stopped waiting at the
     * gate before it opened: their connection closed (the task was cancelled,
     * timed out, or its process died).
     *
     * @param n       how many
     * @param timeout the longest to wait
     * @return whether they have
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitAbandoned(int n, Duration timeout) throws InterruptedException {
        return server().awaitAbandoned(n, timeout);
    }

    /** {@return how many tasks have stopped waiting before the gate opened} */
    public int abandoned() {
        return server().abandoned();
    }

    /**
     * Closes the server and its connections, and joins its threads.
     *
     * @throws IOException if the server socket fails to close
     */
    @Override
    public void close() throws IOException {
        server().close();
    }

    @Override
    public String toString() {
        return "Gate[" + host + ":" + port + (server == null ? ", a copy]" : "]");
    }

    // ------------------------------------------------------------------ helpers

    private GateServer server() {
        if (server == null) {
            throw new IllegalStateException("a copy of a gate has no server: "
                    + "call this on the gate that Gate.start() returned, in the test's JVM");
        }
        return server;
    }

    private static String arriveCommand(Object who) {
        return "ARRIVE " + who.toString().replace('\n', ' ') + "\n";
    }

    private static void expect(String line, String expected) throws IOException {
        if (!expected.equals(line)) {
            throw new IOException(line == null
                    ? "gate closed before answering (expected: " + expected + ")"
                    : "gate answered " + line + " (expected: " + expected + ")");
        }
    }

    /** Connects, sends {@code command}, reads one line per expected answer, and closes. */
    private CompletionStage<Void> exchange(AsyncContext ctx, String command, String... answers) {
        return ctx.connect(address()).thenCompose(c -> {
            CompletionStage<Void> done = c.write(command);
            for (String answer : answers) {
                done = done.thenCompose(v -> c.readLine()).thenCompose(line -> checked(line, answer));
            }
            return done.whenComplete((v, error) -> c.close());
        });
    }

    private static CompletionStage<Void> checked(String line, String expected) {
        try {
            expect(line, expected);
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
