package dev.concurrency.tests;

import static dev.concurrency.tests.TestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import dev.concurrency.testkit.EchoServer;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.Strategies;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regressions: faults and misuse that used to hang a run or be misreported,
 * each reproduced under every strategy it concerns. A hang shows as the
 * test's timeout.
 */
@Timeout(60)
class HardeningRegressionTest {

    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

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

    private static Task<String> returning(Strategy strategy, String value) {
        AsyncTask<String> async = ctx -> CompletableFuture.completedFuture(value);
        return TestSupport.form(strategy, ctx -> value, async);
    }

    /** A listener that throws an {@link Error} is logged and ignored: the run returns with the tasks' own outcomes. */
    @ParameterizedTest
    @MethodSource("strategies")
    void aListenerThrowingAnErrorDoesNotHoldTheRun(Strategy strategy) {
        TaskListener throwing = new TaskListener() {
            @Override
            public void started(TaskInfo task) {
                throw new AssertionError("listener, on start");
            }

            @Override
            public void finished(TaskInfo task, Outcome<?> outcome) {
                throw new AssertionError("listener, on finish");
            }
        };
        Results<String> results = Concurrency.run(List.of(returning(strategy, "a"), returning(strategy, "b")),
                Strategies.options(strategy).listener(throwing).taskTimeout(TIMEOUT));
        assertThat(results.values()).containsExactly("a", "b");
    }

    /** A timeout or deadline too long for a long of nanoseconds means "effectively forever", not an overflow. */
    @ParameterizedTest
    @MethodSource("strategies")
    void foreverTimeoutsAndDeadlinesMeanForever(Strategy strategy) {
        Results<String> results = Concurrency.run(List.of(returning(strategy, "a")),
                Strategies.options(strategy).taskTimeout(FOREVER).deadline(FOREVER));
        assertThat(results.values()).containsExactly("a");
    }

    /** A sleep too long for a long of nanoseconds sleeps (until the task's timeout ends it), on the loops too. */
    @ParameterizedTest
    @MethodSource("strategies")
    void aForeverSleepSleepsUntilTheTimeout(Strategy strategy) {
        Duration limit = TestSupport.scaled(200);
        AsyncTask<String> async = ctx -> ctx.sleep(FOREVER).thenApply(v -> "woke");
        Task<String> direct = ctx -> {
            ctx.sleep(FOREVER);
            return "woke";
        };
        Results<String> results = Concurrency.run(List.of(TestSupport.form(strategy, direct, async)),
                Strategies.options(strategy).taskTimeout(limit));
        assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(limit));
    }

    /**
     * A callback that restores the interrupt status (the usual idiom) leaves
     * it set on whatever thread runs the task's callbacks; the next callback
     * finds it cleared, rather than a loop whose select returns at once forever.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void aCallbackLeavingTheInterruptStatusSetDoesNotLeakIt(Strategy strategy) {
        AsyncTask<String> task = ctx -> ctx.sleep(Duration.ZERO)
                .thenRun(() -> Thread.currentThread().interrupt())
                .thenCompose(v -> ctx.sleep(Duration.ofMillis(1)))
                .thenApply(v -> Thread.currentThread().isInterrupted() ? "still interrupted" : "cleared");
        Results<String> results = Concurrency.run(List.of(Serialization.copy(task)),
                Strategies.options(strategy).taskTimeout(TIMEOUT));
        assertThat(results.outcomes()).containsExactly(new Outcome.Success<>("cleared"));
    }

    /** A context kept past its task's end fails at once, saying so, instead of blocking or opening what nobody closes. */
    @ParameterizedTest(allowZeroInvocations = true) // none when the suite runs only PROCESS or CLUSTER
    @MethodSource("strategiesSharingMemory")
    void aContextUsedAfterItsTaskEndedFailsAtOnce(Strategy strategy) throws Exception {
        if (strategy == Strategy.CALLBACK) {
            CompletableFuture<dev.concurrency.AsyncContext> kept = new CompletableFuture<>();
            AsyncTask<String> task = ctx -> {
                kept.complete(ctx);
                return CompletableFuture.completedFuture("done");
            };
            assertThat(Concurrency.run(List.of(task), Strategies.options(strategy)).values()).containsExactly("done");
            CompletionStage<Void> late = kept.get().sleep(Duration.ZERO);
            assertThatThrownBy(() -> late.toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has ended");
            return;
        }
        CompletableFuture<TaskContext> kept = new CompletableFuture<>();
        Task<String> task = Task.named("keeper", ctx -> {
            kept.complete(ctx);
            return "done";
        });
        assertThat(Concurrency.run(List.of(task), Strategies.options(strategy)).values()).containsExactly("done");
        TaskContext ctx = kept.get();
        assertThatThrownBy(() -> ctx.sleep(Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tasks[0] 'keeper' has ended; its context cannot be used any more "
                        + "(a thread or callback kept it past the task's end)");
        assertThatThrownBy(() -> ctx.connect(echo.address())).isInstanceOf(IllegalStateException.class);
    }

    /** An AsyncTask whose start returns null fails naming itself, under every strategy. */
    @ParameterizedTest
    @MethodSource("strategies")
    void aNullStageNamesTheTask(Strategy strategy) {
        AsyncTask<String> nulls = AsyncTask.named("nulls", ctx -> null);
        Results<String> results = Concurrency.run(List.of(Serialization.copy(nulls)), Strategies.options(strategy));
        assertThat(results.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                assertThat(f.error()).isInstanceOf(NullPointerException.class)
                        .hasMessage("tasks[0] 'nulls' returned a null stage from start(ctx)"));
    }

    /** A peer that never ends its line fails the read past {@link Connection#MAX_LINE_BYTES}, instead of filling the heap. */
    @ParameterizedTest
    @MethodSource("strategies")
    void anEndlessLineFailsTheReadPastTheLimit(Strategy strategy) {
        InetSocketAddress address = echo.address();
        AsyncTask<String> task = ctx -> ctx.connect(address).thenCompose(c -> {
            CompletionStage<String> line = c.readLine();
            byte[] endless = new byte[Connection.MAX_LINE_BYTES + 1];
            java.util.Arrays.fill(endless, (byte) 'x');
            return c.write(java.nio.ByteBuffer.wrap(endless)).thenCompose(v -> line);
        });
        Results<String> results = Concurrency.run(List.of(Serialization.copy(task)),
                Strategies.options(strategy).taskTimeout(TestSupport.scaled(20_000)));
        assertThat(results.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                assertThat(f.error()).isInstanceOf(IOException.class)
                        .hasMessageContaining("a line longer than " + Connection.MAX_LINE_BYTES + " bytes"));
    }

    /** A task that closes the runner running it is refused, instead of waiting for itself forever. */
    @ParameterizedTest(allowZeroInvocations = true) // none when the suite runs only PROCESS or CLUSTER
    @MethodSource("strategiesSharingMemory")
    void aTaskClosingItsOwnRunnerIsRefused(Strategy strategy) throws Exception {
        CompletableFuture<dev.concurrency.Runner> self = new CompletableFuture<>();
        Task<String> direct = ctx -> attemptClose(self.get());
        AsyncTask<String> async = ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> attemptClose(self.join()));
        try (dev.concurrency.Runner runner = Concurrency.open(Strategies.options(strategy))) {
            self.complete(runner);
            String said = runner.submit(TestSupport.sharedForm(strategy, direct, async)).get(30, TimeUnit.SECONDS);
            assertThat(said).isEqualTo("refused: this " + strategy + " runner's close() was called from one of its "
                    + "own tasks, and would wait for that task forever: close it from outside its tasks");
            assertThat(runner.run(List.of(returning(strategy, "still open"))).values()).containsExactly("still open");
        }
    }

    private static String attemptClose(dev.concurrency.Runner runner) {
        try {
            runner.close();
            return "closed";
        } catch (IllegalStateException e) {
            return "refused: " + e.getMessage();
        }
    }

    /**
     * A virtual thread a task starts inherits the task's scheduler (under
     * EVENT_LOOP's fast path, the loop); if it outlives the task and the run,
     * it still runs to its end instead of never running again.
     */
    @org.junit.jupiter.api.Test
    void aVirtualThreadStartedByALoopTaskRunsOnAfterTheRun() throws Exception {
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch runEnded = new java.util.concurrent.CountDownLatch(1);
        Task<String> starter = ctx -> {
            Thread.ofVirtual().start(() -> {
                try {
                    runEnded.await();
                    Thread.sleep(10);
                    finished.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return "started";
        };
        assertThat(Concurrency.run(List.of(starter), Strategy.EVENT_LOOP).values()).containsExactly("started");
        runEnded.countDown();
        assertThat(finished.await(30, TimeUnit.SECONDS)).as("the virtual thread ran to its end").isTrue();
    }

    /**
     * A task that waits, holding the runner's GIL, for a subtask of its own
     * runner that needs the GIL: the task's timeout ends the wait, the lock is
     * given back, the subtask ends, and the runner closes.
     */
    @ParameterizedTest(allowZeroInvocations = true) // none when the suite runs only PROCESS or CLUSTER
    @MethodSource("directStyleSharingMemory")
    void aTaskWaitingUnderTheGilForItsOwnSubtaskTimesOut(Strategy strategy) throws Exception {
        CompletableFuture<dev.concurrency.Runner> self = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<String>> subtask = new CompletableFuture<>();
        Task<String> parent = ctx -> {
            CompletableFuture<String> child = self.get().submit(c -> "child ran");
            subtask.complete(child);
            return child.get(); // holds the GIL: the child cannot start until this wait ends
        };
        long started = System.nanoTime();
        try (dev.concurrency.Runner runner = Concurrency.open(Strategies.options(strategy)
                .gil(dev.concurrency.Gil.python3()).taskTimeout(Duration.ofMillis(500)))) {
            self.complete(runner);
            CompletableFuture<String> outcome = runner.submit(parent);
            assertThatThrownBy(() -> outcome.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
            String child = subtask.get().handle((value, error) -> value != null ? value : "child: " + error)
                    .get(30, TimeUnit.SECONDS);
            assertThat(child).as("the child ran once the lock was free, or timed out waiting for it")
                    .matches("child ran|child: .*TimeoutException.*");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    /** The same with the runner's own {@code run}: its wait for the subtasks ends with the task's timeout. */
    @ParameterizedTest(allowZeroInvocations = true) // none when the suite runs only PROCESS or CLUSTER
    @MethodSource("directStyleSharingMemory")
    void aTaskRunningSubtasksUnderTheGilOnItsOwnRunnerTimesOut(Strategy strategy) throws Exception {
        CompletableFuture<dev.concurrency.Runner> self = new CompletableFuture<>();
        Task<String> parent = ctx -> self.get().run(List.<Task<String>>of(c -> "child", c -> "child")).toString();
        long started = System.nanoTime();
        try (dev.concurrency.Runner runner = Concurrency.open(Strategies.options(strategy)
                .gil(dev.concurrency.Gil.python3()).taskTimeout(Duration.ofMillis(500)))) {
            self.complete(runner);
            CompletableFuture<String> outcome = runner.submit(parent);
            assertThatThrownBy(() -> outcome.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    static List<Strategy> directStyleSharingMemory() {
        return List.of(Strategy.THREAD, Strategy.VIRTUAL_THREAD, Strategy.EVENT_LOOP);
    }
}
