package dev.concurrency.tests;

import static dev.concurrency.tests.TestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.testkit.EchoServer;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.SharedCounters;
import dev.concurrency.testkit.Strategies;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an {@link AsyncTask} does the same way under every strategy, CALLBACK
 * and the direct-style ones (where its default {@code run} adapts it): the
 * promise of {@link AsyncTask} and {@link dev.concurrency.AsyncContext}, in
 * the places where the adapter and CALLBACK could part ways. Unlike the other
 * contract tests, each scenario here runs the same AsyncTask under every strategy,
 * as a serialized copy (see {@link TestSupport#form}).
 */
class AsyncTaskContractTest {

    private EchoServer echo;

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    static List<Strategy> strategiesSharingMemory() {
        return Strategies.sharingMemory();
    }

    @BeforeEach
    void startEchoServer() throws Exception {
        echo = EchoServer.start();
    }

    @AfterEach
    void stopEchoServer() throws Exception {
        echo.close();
    }

    /**
     * "One read and one write may be pending at a time": a callback-style
     * program may arm its read before it writes what answers it.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void aReadArmedBeforeTheWriteItWaitsForCompletes(Strategy strategy) {
        InetSocketAddress address = echo.address();
        AsyncTask<String> ping = ctx -> ctx.connect(address).thenCompose(c -> {
            CompletionStage<String> reply = c.readLine();
            return c.write("ping\n").thenCompose(v -> reply);
        });
        Results<String> results = Concurrency.run(List.of(Serialization.copy(ping)),
                Strategies.options(strategy).taskTimeout(TIMEOUT));
        assertThat(results.outcomes()).containsExactly(new Outcome.Success<>("ping"));
    }

    /**
     * "A cancelled or timed-out task's pending stages fail with an
     * InterruptedException": so the callbacks a task chained to them (its
     * clean-up) run, by the time its run has ended. Not PROCESS, which kills
     * the worker at the timeout: no stage of the task completes.
     */
    @ParameterizedTest(allowZeroInvocations = true) // none when the suite runs only PROCESS or CLUSTER
    @MethodSource("strategiesSharingMemory")
    void aTimedOutTasksPendingStageFailsWithInterruptedException(Strategy strategy) {
        Duration limit = TestSupport.scaled(100); // nothing has to finish first: any limit will do
        try (SharedCounters seen = new SharedCounters(2)) { // [stages completed, of which with InterruptedException]
            AsyncTask<String> hang = ctx -> ctx.await(new CompletableFuture<String>())
                    .whenComplete((value, error) -> {
                        seen.incrementAndGet(0);
                        if (error instanceof InterruptedException) {
                            seen.incrementAndGet(1);
                        }
                    });
            Results<String> results = Concurrency.run(List.of(Serialization.copy(hang)),
                    Strategies.options(strategy).taskTimeout(limit));
            assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(limit));
            assertThat(seen.get(0)).as("the pending stage completed, once the run has returned").isEqualTo(1);
            assertThat(seen.get(1)).as("with an InterruptedException").isEqualTo(1);
        }
    }

    /**
     * {@code await} "completes as {@code stage} does": with the stage's own
     * exception, not the {@link java.util.concurrent.CompletionException} a
     * dependent stage holds it in.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void awaitFailsWithTheStagesOwnException(Strategy strategy) {
        IllegalStateException boom = new IllegalStateException("boom");
        AsyncTask<String> task = ctx -> ctx.await(CompletableFuture.completedFuture("x").<String>thenApply(x -> {
            throw boom;
        })).handle((value, error) -> error == boom ? "its own exception" : "got " + error);
        Results<String> results = Concurrency.run(List.of(Serialization.copy(task)), Strategies.options(strategy));
        assertThat(results.outcomes()).containsExactly(new Outcome.Success<>("its own exception"));
    }

    /**
     * "Its callbacks run one at a time, on one thread at a time" under every
     * strategy, reads, timers, awaited stages and blocking work included, and on
     * the thread that started the task (the loop, or the task's own thread): no
     * thread outside the engine's accounting runs them. The task checks itself
     * and returns its verdict, so that the check holds in a worker process too.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void callbacksRunOneAtATimeOnTheThreadThatStartedTheTask(Strategy strategy) {
        InetSocketAddress address = echo.address();
        AsyncTask<String> task = ctx -> {
            CallbackWitness witness = new CallbackWitness();
            CompletableFuture<String> elsewhere = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> elsewhere.complete("from another thread"));
            return ctx.connect(address).thenCompose(c -> {
                CompletionStage<String> reply = witness.watch(c.readLine());
                CompletionStage<Void> slept = witness.watch(ctx.sleep(Duration.ofMillis(5)));
                CompletionStage<String> awaited = witness.watch(ctx.await(elsewhere));
                CompletionStage<Integer> worked = witness.watch(ctx.blocking(() -> 42));
                CompletionStage<Void> checked = witness.watch(ctx.checkpoint());
                return witness.watch(c.write("ping\n")).thenCompose(v -> reply)
                        .thenCombine(slept, (r, v) -> r)
                        .thenCombine(awaited, (r, a) -> r)
                        .thenCombine(worked, (r, w) -> r)
                        .thenCombine(checked, (r, v) -> r);
            }).thenApply(reply -> witness.verdict() + ", " + reply);
        };
        Results<String> results = Concurrency.run(List.of(Serialization.copy(task)),
                Strategies.options(strategy).taskTimeout(TIMEOUT));
        assertThat(results.outcomes()).containsExactly(
                new Outcome.Success<>("6 callbacks, all on the starting thread, none overlapping, ping"));
    }

    /**
     * A second read on a connection while one is pending fails at once, as
     * {@code AsynchronousSocketChannel}'s does, and the first read still completes.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void aSecondReadWhileOneIsPendingFailsAtOnce(Strategy strategy) {
        InetSocketAddress address = echo.address();
        AsyncTask<String> task = ctx -> ctx.connect(address).thenCompose(c -> {
            CompletionStage<String> first = c.readLine();
            CompletionStage<String> second = c.readLine()
                    .handle((line, error) -> error == null ? "second read: " + line
                            : error.getClass().getSimpleName() + (error.getMessage().contains("already pending")
                                    ? ": already pending" : ": " + error.getMessage()));
            return c.write("ping\n").thenCompose(v -> first).thenCombine(second, (a, b) -> a + "; " + b);
        });
        Results<String> results = Concurrency.run(List.of(Serialization.copy(task)),
                Strategies.options(strategy).taskTimeout(TIMEOUT));
        assertThat(results.outcomes()).containsExactly(
                new Outcome.Success<>("ping; IllegalStateException: already pending"));
    }

    /**
     * When an async task's stage completes, its pending timers and reads are
     * disarmed: an abandoned ten-minute sleep or unanswered read does not hold
     * the run open (the test's timeout would end it).
     */
    @ParameterizedTest
    @MethodSource("strategies")
    @org.junit.jupiter.api.Timeout(30)
    void abandonedTimersAndReadsDoNotHoldTheRun(Strategy strategy) {
        InetSocketAddress address = echo.address();
        AsyncTask<String> task = ctx -> {
            ctx.sleep(Duration.ofMinutes(10));
            return ctx.connect(address).thenApply(c -> {
                c.readLine();
                return "left a timer and a read behind";
            });
        };
        Results<String> results = Concurrency.run(List.of(Serialization.copy(task)), Strategies.options(strategy));
        assertThat(results.outcomes()).containsExactly(new Outcome.Success<>("left a timer and a read behind"));
    }

    /**
     * An {@link Error} in the task's own step fails that task alone: thrown by a
     * callback, or by a read into a buffer it cannot fill.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void anErrorInTheTasksOwnStepFailsThatTaskAlone(Strategy strategy) {
        InetSocketAddress address = echo.address();
        AsyncTask<String> callbackError = ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> {
            throw new AssertionError("from a callback");
        });
        AsyncTask<String> badBuffer = ctx -> ctx.connect(address).thenCompose(c -> {
            CompletionStage<Integer> read = c.read(java.nio.ByteBuffer.allocate(8).asReadOnlyBuffer());
            return c.write("ping\n").thenCompose(v -> read).thenApply(n -> "read " + n);
        });
        AsyncTask<String> fine = ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> "fine");
        Results<String> results = Concurrency.run(Serialization.copies(List.of(callbackError, badBuffer, fine)),
                Strategies.options(strategy).taskTimeout(TIMEOUT));
        assertThat(results.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class,
                f -> assertThat(f.error()).isInstanceOf(AssertionError.class).hasMessage("from a callback"));
        assertThat(results.outcome(1)).isInstanceOfSatisfying(Outcome.Failure.class,
                f -> assertThat(f.error()).isInstanceOf(IllegalArgumentException.class).hasMessage("Read-only buffer"));
        assertThat(results.outcome(2)).isEqualTo(new Outcome.Success<>("fine"));
    }

    /** Watches the callbacks of one task: which threads run them, and whether two ever overlap. */
    static final class CallbackWitness {
        private final Thread starter = Thread.currentThread();
        private final java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger callbacks = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean overlapped;

        <V> CompletionStage<V> watch(CompletionStage<V> stage) {
            return stage.thenApply(value -> {
                if (inside.incrementAndGet() != 1) {
                    overlapped = true;
                }
                threads.add(Thread.currentThread());
                callbacks.incrementAndGet();
                Thread.onSpinWait();
                inside.decrementAndGet();
                return value;
            });
        }

        String verdict() {
            return callbacks.get() + " callbacks, "
                    + (threads.equals(java.util.Set.of(starter)) ? "all on the starting thread" : "on " + threads) + ", "
                    + (overlapped ? "some overlapping" : "none overlapping");
        }
    }
}
