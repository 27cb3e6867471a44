package dev.concurrency.tests;

import static dev.concurrency.tests.TestSupport.LONG;
import static dev.concurrency.tests.TestSupport.TIMEOUT;
import static dev.concurrency.tests.TestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.EchoServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code TaskContext} operations under every strategy: what they return, and how cancellation reaches them. */
class ContextContractTest {

    private EchoServer echo;

    static List<Strategy> strategies() {
        return dev.concurrency.testkit.Strategies.all();
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
        Task<List<String>> exchange = ctx -> {
            try (Connection c = ctx.connect(echo.address())) {
                c.write("hello\r\nwörld\n");
                String first = c.readLine();
                String second = c.readLine();
                c.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                ByteBuffer bytes = ByteBuffer.allocate(3);
                while (bytes.hasRemaining()) {
                    assertThat(c.read(bytes)).isPositive();
                }
                return List.of(first, second, java.util.Arrays.toString(bytes.array()),
                        c.remoteAddress().equals(echo.address()) ? "same address" : "other address");
            }
        };
        Results<List<String>> results = Concurrency.run(List.of(exchange), strategy);
        assertThat(results.values().get(0)).containsExactly("hello", "wörld", "[1, 2, 3]", "same address");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aLineSplitAcrossReadsIsJoinedAndBytesAfterItAreKept(Strategy strategy) {
        Task<String> task = ctx -> {
            try (Connection c = ctx.connect(echo.address())) {
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
        assertThat(Concurrency.run(List.of(task), strategy).values()).containsExactly("partial|rest");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void connectionsATaskLeavesOpenAreClosedWhenItEnds(Strategy strategy) throws Exception {
        Task<String> careless = ctx -> {
            Connection c = ctx.connect(echo.address());
            c.write("ping\n");
            return c.readLine();
        };
        Results<String> results = Concurrency.run(List.of(careless, careless), strategy);
        assertThat(results.values()).containsExactly("ping", "ping");
        waitUntil(() -> echo.closedByClients() == 2);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aRefusedConnectionFailsTheTaskOnly(Strategy strategy) throws Exception {
        var address = echo.address();
        echo.close();
        Results<Object> results = Concurrency.run(List.of(ctx -> ctx.connect(address), ctx -> "fine"), strategy);
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
        assertThat(Concurrency.run(List.of(task), strategy).values()).containsExactly("later, boom");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void blockingRunsTheWorkAndReturnsItsResult(Strategy strategy) {
        Task<Integer> task = ctx -> ctx.blocking(() -> {
            Thread.sleep(1);
            return 42;
        });
        assertThat(Concurrency.run(List.of(task), strategy).values()).containsExactly(42);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theContextKnowsItsTask(Strategy strategy) {
        Task<String> task = Task.named("me", ctx -> ctx.task() + " cancelled=" + ctx.isCancelled());
        assertThat(Concurrency.run(List.of(task, task), strategy).values())
                .containsExactly("tasks[0] 'me' cancelled=false", "tasks[1] 'me' cancelled=false");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutReachesATaskInSleep(Strategy strategy) {
        assertTimesOut(strategy, ctx -> {
            ctx.sleep(LONG);
            return "slept";
        });
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutReachesATaskInAwait(Strategy strategy) {
        assertTimesOut(strategy, ctx -> ctx.await(new CompletableFuture<String>()));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutReachesATaskInRead(Strategy strategy) {
        assertTimesOut(strategy, ctx -> ctx.connect(echo.address()).readLine());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutReachesATaskAtItsCheckpoint(Strategy strategy) {
        assertTimesOut(strategy, ctx -> {
            while (true) {
                ctx.checkpoint();
                Thread.onSpinWait();
            }
        });
    }

    /** The task times out, notices it, and its neighbour finishes. */
    private static void assertTimesOut(Strategy strategy, Task<String> waiter) {
        AtomicReference<Boolean> noticed = new AtomicReference<>(false);
        CountDownLatch waiting = new CountDownLatch(1);
        Task<String> task = ctx -> {
            waiting.countDown();
            try {
                return waiter.run(ctx);
            } catch (InterruptedException | java.nio.channels.ClosedByInterruptException e) {
                noticed.set(ctx.isCancelled());
                throw e;
            }
        };
        Task<String> neighbour = ctx -> {
            await(waiting);
            return "neighbour";
        };
        Results<String> results = Concurrency.run(List.of(task, neighbour), RunOptions.of(strategy).taskTimeout(TIMEOUT));
        assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(TIMEOUT), new Outcome.Success<>("neighbour"));
        assertThat(noticed.get()).as("the task saw the cancellation where it waited").isTrue();
        assertThat(results.stats().tasks().get(0).runTime()).isLessThan(LONG);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(Duration.ofMillis(5));
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void manyConnectionsAtOnce(Strategy strategy) {
        int n = 200 * TestSupport.STRESS;
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line = "line " + i;
            tasks.add(ctx -> {
                try (Connection c = ctx.connect(echo.address())) {
                    c.write(line + "\n");
                    return c.readLine();
                }
            });
        }
        Results<String> results = Concurrency.run(tasks, strategy);
        for (int i = 0; i < n; i++) {
            assertThat(results.outcome(i)).isEqualTo(new Outcome.Success<>("line " + i));
        }
    }
}
