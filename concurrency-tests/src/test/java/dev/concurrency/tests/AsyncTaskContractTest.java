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
                RunOptions.of(strategy).taskTimeout(TIMEOUT));
        assertThat(results.outcomes()).containsExactly(new Outcome.Success<>("ping"));
    }

    /**
     * "A cancelled or timed-out task's pending stages fail with an
     * InterruptedException": so the callbacks a task chained to them (its
     * clean-up) run, by the time its run has ended. Not PROCESS, which kills
     * the worker at the timeout: no stage of the task completes.
     */
    @ParameterizedTest
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
                    RunOptions.of(strategy).taskTimeout(limit));
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
        Results<String> results = Concurrency.run(List.of(Serialization.copy(task)), strategy);
        assertThat(results.outcomes()).containsExactly(new Outcome.Success<>("its own exception"));
    }
}
