package dev.concurrency.tests;

import static dev.concurrency.tests.TestSupport.LONG;
import static dev.concurrency.tests.TestSupport.TIMEOUT;
import static dev.concurrency.tests.TestSupport.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.EchoServer;
import dev.concurrency.testkit.Gate;
import dev.concurrency.testkit.SharedCounters;
import dev.concurrency.testkit.Strategies;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code TaskContext} operations under every strategy: what they return,
 * and how cancellation reaches them. CALLBACK runs each scenario's
 * {@link AsyncTask} form, where the same operations are stages of an
 * {@link AsyncContext} (see {@link TestSupport#form}). Tasks are serialized
 * copies and capture the echo server's address, not the server: they hold
 * for strategies that run tasks in other processes too.
 */
class ContextContractTest {

    private EchoServer echo;

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    @BeforeEach
    void startEchoServer() throws Exception {
        echo = EchoServer.start();
    }

    @AfterEach
    void stopEchoServer() throws Exception {
        echo.close();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void linesAndBytesMakeTheRoundTrip(Strategy strategy) {
        InetSocketAddress address = echo.address();
        Task<List<String>> exchange = ctx -> {
            try (Connection c = ctx.connect(address)) {
                c.write("hello\r\nwörld\n");
                String first = c.readLine();
                String second = c.readLine();
                c.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                ByteBuffer bytes = ByteBuffer.allocate(3);
                while (bytes.hasRemaining()) {
                    assertThat(c.read(bytes)).isPositive();
                }
                return List.of(first, second, java.util.Arrays.toString(bytes.array()),
                        c.remoteAddress().equals(address) ? "same address" : "other address");
            }
        };
        AsyncTask<List<String>> exchangeAsync = ctx -> ctx.connect(address).thenCompose(c -> closing(c,
                c.write("hello\r\nwörld\n")
                        .thenCompose(v -> c.readLine())
                        .thenCompose(first -> c.readLine().thenCompose(second -> {
                            ByteBuffer bytes = ByteBuffer.allocate(3);
                            return c.write(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                                    .thenCompose(v -> readFully(c, bytes))
                                    .thenApply(v -> List.of(first, second, java.util.Arrays.toString(bytes.array()),
                                            c.remoteAddress().equals(address) ? "same address" : "other address"));
                        }))));
        Results<List<String>> results = Concurrency.run(List.of(form(strategy, exchange, exchangeAsync)), Strategies.options(strategy));
        assertThat(results.values().get(0)).containsExactly("hello", "wörld", "[1, 2, 3]", "same address");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aLineSplitAcrossReadsIsJoinedAndBytesAfterItAreKept(Strategy strategy) {
        InetSocketAddress address = echo.address();
        Task<String> task = ctx -> {
            try (Connection c = ctx.connect(address)) {
                c.write("par");
                c.write("tial\nrest");
                String line = c.readLine();
                ByteBuffer rest = ByteBuffer.allocate(4);
                while (rest.hasRemaining()) {
                    c.read(rest);
                }
                return line + "|" + new String(rest.array(), StandardCharsets.UTF_8);
            }
        };
        AsyncTask<String> taskAsync = ctx -> ctx.connect(address).thenCompose(c -> closing(c,
                c.write("par")
                        .thenCompose(v -> c.write("tial\nrest"))
                        .thenCompose(v -> c.readLine())
                        .thenCompose(line -> {
                            ByteBuffer rest = ByteBuffer.allocate(4);
                            return readFully(c, rest)
                                    .thenApply(v -> line + "|" + new String(rest.array(), StandardCharsets.UTF_8));
                        })));
        assertThat(Concurrency.run(List.of(form(strategy, task, taskAsync)), Strategies.options(strategy)).values())
                .containsExactly("partial|rest");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void connectionsATaskLeavesOpenAreClosedWhenItEnds(Strategy strategy) throws Exception {
        InetSocketAddress address = echo.address();
        Task<String> careless = ctx -> {
            Connection c = ctx.connect(address);
            c.write("ping\n");
            return c.readLine();
        };
        AsyncTask<String> carelessAsync = ctx -> ctx.connect(address)
                .thenCompose(c -> c.write("ping\n").thenCompose(v -> c.readLine()));
        Task<String> task = form(strategy, careless, carelessAsync);
        Results<String> results = Concurrency.run(List.of(task, task), Strategies.options(strategy));
        assertThat(results.values()).containsExactly("ping", "ping");
        assertThat(echo.awaitClosedByClients(2, LONG)).as("the server saw both connections closed").isTrue();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aRefusedConnectionFailsTheTaskOnly(Strategy strategy) throws Exception {
        var address = echo.address();
        echo.close();
        Results<Object> results = Concurrency.run(List.of(
                form(strategy, ctx -> ctx.connect(address), ctx -> ctx.connect(address).thenApply(c -> c)),
                form(strategy, ctx -> "fine", ctx -> CompletableFuture.completedFuture("fine"))), Strategies.options(strategy));
        assertThat(((Outcome.Failure<Object>) results.outcome(0)).error()).isInstanceOf(java.io.IOException.class);
        assertThat(results.outcome(1)).isEqualTo(new Outcome.Success<>("fine"));
        echo = EchoServer.start();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void awaitReturnsTheValueOrTheCause(Strategy strategy) {
        IllegalStateException boom = new IllegalStateException("boom");
        Task<String> task = ctx -> {
            CompletableFuture<String> later = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> later.complete("later"));
            String value = ctx.await(later);
            try {
                ctx.await(CompletableFuture.failedFuture(boom));
                return "no exception";
            } catch (ExecutionException e) {
                return value + ", " + e.getCause().getMessage();
            }
        };
        // In callback style the failed stage's own exception reaches the callback, not a wrapper around it.
        AsyncTask<String> taskAsync = ctx -> {
            CompletableFuture<String> later = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> later.complete("later"));
            return ctx.await(later).thenCompose(value -> ctx.await(CompletableFuture.<String>failedFuture(boom))
                    .handle((v, error) -> error == null ? "no exception" : value + ", " + error.getMessage()));
        };
        assertThat(Concurrency.run(List.of(form(strategy, task, taskAsync)), Strategies.options(strategy)).values())
                .containsExactly("later, boom");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void blockingRunsTheWorkAndReturnsItsResult(Strategy strategy) {
        Task<Integer> task = form(strategy, ctx -> ctx.blocking(() -> {
            Thread.sleep(1);
            return 42;
        }), ctx -> ctx.blocking(() -> {
            Thread.sleep(1);
            return 42;
        }));
        assertThat(Concurrency.run(List.of(task), Strategies.options(strategy)).values()).containsExactly(42);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theContextKnowsItsTask(Strategy strategy) {
        Task<String> task = form(strategy, Task.named("me", ctx -> ctx.task() + " cancelled=" + ctx.isCancelled()),
                AsyncTask.named("me", ctx -> CompletableFuture.completedFuture(ctx.task() + " cancelled=" + ctx.isCancelled())));
        assertThat(Concurrency.run(List.of(task, task), Strategies.options(strategy)).values())
                .containsExactly("tasks[0] 'me' cancelled=false", "tasks[1] 'me' cancelled=false");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutReachesATaskInSleep(Strategy strategy) throws Exception {
        assertTimesOut(strategy, ctx -> {
            ctx.sleep(LONG);
            return "slept";
        }, ctx -> ctx.sleep(LONG).thenApply(v -> "slept"));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutReachesATaskInAwait(Strategy strategy) throws Exception {
        assertTimesOut(strategy, ctx -> ctx.await(new CompletableFuture<String>()),
                ctx -> ctx.await(new CompletableFuture<String>()));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutReachesATaskInRead(Strategy strategy) throws Exception {
        InetSocketAddress address = echo.address();
        assertTimesOut(strategy, ctx -> ctx.connect(address).readLine(),
                ctx -> ctx.connect(address).thenCompose(AsyncConnection::readLine));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutReachesATaskAtItsCheckpoint(Strategy strategy) throws Exception {
        assertTimesOut(strategy, ctx -> {
            while (true) {
                ctx.checkpoint();
                Thread.onSpinWait();
            }
        }, ContextContractTest::checkpointForever);
    }

    /**
     * Takes one checkpoint after another until one fails, each in a loop turn
     * of its own (no stage waits on the next, so nothing piles up). For
     * CALLBACK only: where a checkpoint's stage is complete at once, the
     * callbacks would nest without end.
     */
    private static CompletionStage<String> checkpointForever(AsyncContext ctx) {
        CompletableFuture<String> failed = new CompletableFuture<>();
        new Runnable() {
            @Override
            public void run() {
                ctx.checkpoint().whenComplete((v, error) -> {
                    if (error != null) {
                        failed.completeExceptionally(error);
                    } else {
                        Thread.onSpinWait();
                        run();
                    }
                });
            }
        }.run();
        return failed;
    }

    /**
     * The task times out and its neighbour finishes; in this JVM the task
     * notices it where it waits (PROCESS kills the worker instead: the task is
     * never told, so that part is for {@link Strategies#sharingMemory()} only).
     */
    private static void assertTimesOut(Strategy strategy, Task<String> waiter, AsyncTask<String> waiterAsync)
            throws Exception {
        try (Gate waiting = Gate.start(); SharedCounters noticed = new SharedCounters(1)) {
            Task<String> direct = ctx -> {
                waiting.open(ctx);
                try {
                    return waiter.run(ctx);
                } catch (InterruptedException | java.nio.channels.ClosedByInterruptException e) {
                    if (ctx.isCancelled()) {
                        noticed.incrementAndGet(0);
                    }
                    throw e;
                }
            };
            AsyncTask<String> async = ctx -> {
                CompletionStage<String> waited = waiterAsync.start(ctx).whenComplete((value, error) -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof InterruptedException && ctx.isCancelled()) {
                        noticed.incrementAndGet(0);
                    }
                });
                return waiting.open(ctx).thenCompose(v -> waited);
            };
            Task<String> neighbour = form(strategy, ctx -> {
                waiting.pass(ctx);
                return "neighbour";
            }, ctx -> waiting.pass(ctx).thenApply(v -> "neighbour"));
            Results<String> results = Concurrency.run(List.of(form(strategy, direct, async), neighbour),
                    Strategies.options(strategy).taskTimeout(TIMEOUT));
            assertThat(results.outcomes())
                    .containsExactly(new Outcome.TimedOut<>(TIMEOUT), new Outcome.Success<>("neighbour"));
            if (Strategies.sharingMemory().contains(strategy)) { // PROCESS kills the worker: the task is not told
                assertThat(noticed.get(0)).as("the task saw the cancellation where it waited").isEqualTo(1);
            }
            assertThat(results.stats().tasks().get(0).runTime()).isLessThan(LONG);
        }
    }

    /** Closes {@code c} once {@code work} has completed, however it completed. */
    private static <T> CompletionStage<T> closing(AsyncConnection c, CompletionStage<T> work) {
        return work.whenComplete((value, error) -> c.close());
    }

    /** Reads until {@code dst} is full; each read must bring at least one byte. */
    private static CompletionStage<Void> readFully(AsyncConnection c, ByteBuffer dst) {
        return c.read(dst).thenCompose(n -> {
            assertThat(n).isPositive();
            return dst.hasRemaining() ? readFully(c, dst) : CompletableFuture.<Void>completedFuture(null);
        });
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void manyConnectionsAtOnce(Strategy strategy) {
        InetSocketAddress address = echo.address();
        int n = 200 * TestSupport.STRESS;
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line = "line " + i;
            tasks.add(form(strategy, ctx -> {
                try (Connection c = ctx.connect(address)) {
                    c.write(line + "\n");
                    return c.readLine();
                }
            }, ctx -> ctx.connect(address)
                    .thenCompose(c -> closing(c, c.write(line + "\n").thenCompose(v -> c.readLine())))));
        }
        Results<String> results = Concurrency.run(tasks, Strategies.options(strategy));
        for (int i = 0; i < n; i++) {
            assertThat(results.outcome(i)).isEqualTo(new Outcome.Success<>("line " + i));
        }
    }
}
