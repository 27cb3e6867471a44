package dev.concurrency.tests;

import static dev.concurrency.tests.LoopTestSupport.FOREVER;
import static dev.concurrency.tests.LoopTestSupport.assertNothingOfTheLoopLeft;
import static dev.concurrency.tests.LoopTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.EchoServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing of a loop outlives its run or runner: no loop, blocking-pool,
 * watchdog or timer thread, and no coroutine, whether the tasks succeeded,
 * failed or were cancelled.
 */
@Timeout(60)
class LoopCleanupTest {

    /** How the run ends. */
    enum Ending {
        /** Every task succeeds. */
        SUCCESS,
        /** One task fails; the others succeed. */
        FAILURE,
        /** One task fails with failFast, while the others wait forever: they are cancelled. */
        FAIL_FAST,
        /** The run's deadline passes while tasks wait forever: they time out. */
        DEADLINE
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Strategy strategy : LoopTestSupport.loopStrategies()) {
            for (Ending ending : Ending.values()) {
                cases.add(Arguments.of(strategy, ending, 1));
            }
            cases.add(Arguments.of(strategy, Ending.SUCCESS, 2));
            cases.add(Arguments.of(strategy, Ending.FAIL_FAST, 2));
        }
        return cases;
    }

    /** Records the threads tasks ran on, and the library's threads seen while they ran. */
    private static final class Seen {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final Set<String> libraryThreads = ConcurrentHashMap.newKeySet();

        <T> T record(T value) {
            threads.add(Thread.currentThread());
            return value;
        }

        /** Called from blocking work, while a loop, its pool and its watchdog all run. */
        <T> T recordWithLibraryThreads(T value) {
            libraryThreads.addAll(LoopTestSupport.liveLoopThreads());
            return record(value);
        }
    }

    /** A task that sleeps, runs blocking work, makes a round trip, then returns or waits forever. */
    private static Task<String> worker(Strategy strategy, int index, InetSocketAddress echo, Seen seen,
                                       boolean forever, CompletableFuture<Void> waiting) {
        CompletableFuture<String> never = new CompletableFuture<>();
        if (strategy == Strategy.EVENT_LOOP) {
            return ctx -> {
                seen.record(null);
                ctx.sleep(Duration.ofMillis(1));
                String fromPool = ctx.blocking(() -> seen.recordWithLibraryThreads("pool"));
                String echoed;
                try (Connection c = ctx.connect(echo)) {
                    c.write("worker " + index + "\n");
                    echoed = c.readLine();
                }
                seen.record(null);
                if (forever) {
                    Connection open = ctx.connect(echo);
                    waiting.complete(null);
                    return switch (index % 3) {
                        case 0 -> ctx.await(never);
                        case 1 -> {
                            ctx.sleep(FOREVER);
                            yield "slept";
                        }
                        default -> open.readLine();
                    };
                }
                return fromPool + " " + echoed;
            };
        }
        return (AsyncTask<String>) ctx -> {
            seen.record(null);
            return ctx.sleep(Duration.ofMillis(1))
                    .thenCompose(v -> ctx.blocking(() -> seen.recordWithLibraryThreads("pool")))
                    .thenCompose(fromPool -> ctx.connect(echo).thenCompose(c -> roundTrip(c, index))
                            .thenApply(echoed -> seen.record(fromPool + " " + echoed)))
                    .thenCompose(result -> {
                        if (!forever) {
                            return LoopTestSupport.done(result);
                        }
                        return ctx.connect(echo).thenCompose(open -> {
                            waiting.complete(null);
                            return switch (index % 3) {
                                case 0 -> ctx.await(never);
                                case 1 -> ctx.sleep(FOREVER).thenApply(v -> "slept");
                                default -> open.readLine();
                            };
                        });
                    });
        };
    }

    private static CompletionStage<String> roundTrip(AsyncConnection c, int index) {
        return c.write("worker " + index + "\n").thenCompose(v -> c.readLine()).whenComplete((line, e) -> c.close());
    }

    @ParameterizedTest(name = "{0}, {1}, loops({2})")
    @MethodSource("cases")
    void nothingOfTheLoopIsLeftAfterRunReturns(Strategy strategy, Ending ending, int loops) throws Exception {
        Seen seen = new Seen();
        int workers = 4;
        Results<String> results;
        try (EchoServer echo = EchoServer.start()) {
            boolean forever = ending == Ending.FAIL_FAST || ending == Ending.DEADLINE;
            List<CompletableFuture<Void>> waiting = new ArrayList<>();
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                CompletableFuture<Void> w = new CompletableFuture<>();
                waiting.add(w);
                tasks.add(worker(strategy, i, echo.address(), seen, forever, w));
            }
            if (ending != Ending.SUCCESS && ending != Ending.DEADLINE) {
                CompletableFuture<Void> allWaiting = forever
                        ? CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new))
                        : CompletableFuture.completedFuture(null);
                IllegalStateException failure = new IllegalStateException("this task fails");
                if (strategy == Strategy.EVENT_LOOP) {
                    tasks.add(ctx -> {
                        seen.record(null);
                        ctx.await(allWaiting);
                        throw failure;
                    });
                } else {
                    tasks.add((AsyncTask<String>) ctx -> ctx.await(allWaiting).thenApply(v -> {
                        seen.record(null);
                        throw failure;
                    }));
                }
            }
            RunOptions options = RunOptions.of(strategy).loops(loops);
            options = switch (ending) {
                case FAIL_FAST -> options.failFast();
                case DEADLINE -> options.deadline(LoopTestSupport.scaled(300));
                default -> options;
            };

            results = Concurrency.run(tasks, options);
        }

        List<Outcome<String>> outcomes = results.outcomes();
        for (int i = 0; i < workers; i++) {
            switch (ending) {
                case SUCCESS, FAILURE -> assertThat(outcomes.get(i)).isEqualTo(
                        new Outcome.Success<>("pool worker " + i));
                case FAIL_FAST -> assertThat(outcomes.get(i)).isInstanceOf(Outcome.Cancelled.class);
                case DEADLINE -> assertThat(outcomes.get(i)).isInstanceOf(Outcome.TimedOut.class);
            }
        }
        if (ending == Ending.FAILURE || ending == Ending.FAIL_FAST) {
            assertThat(outcomes.get(workers)).isInstanceOf(Outcome.Failure.class);
        }
        assertThat(seen.libraryThreads).as("library threads while the tasks ran")
                .anyMatch(name -> name.contains("-loop-0"))
                .anyMatch(name -> name.contains("-blocking-"))
                .anyMatch(name -> name.endsWith("-watchdog"));
        assertThat(seen.threads).as("threads the tasks ran on")
                .anyMatch(t -> t.getName().contains("-blocking-"));
        assertNothingOfTheLoopLeft(seen.threads);
    }

    @ParameterizedTest
    @MethodSource("dev.concurrency.tests.LoopTestSupport#loopStrategies")
    void aRunnerClosesCleanlyAfterTasksSubmittedAndRun(Strategy strategy) throws Exception {
        Seen seen = new Seen();
        try (EchoServer echo = EchoServer.start()) {
            Runner runner = Concurrency.open(RunOptions.of(strategy).loops(2));
            try (runner) {
                closesCleanly(strategy, runner, echo.address(), seen);
            }
        }
        assertNothingOfTheLoopLeft(seen.threads);
    }

    /** Submits and runs workers, closes the runner, and checks nothing of it is left. */
    private static void closesCleanly(Strategy strategy, Runner runner, InetSocketAddress echo, Seen seen)
            throws Exception {
        List<CompletableFuture<String>> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submitted.add(runner.submit(worker(strategy, i, echo, seen, false, null)));
        }
        List<Task<String>> batch = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            batch.add(worker(strategy, i, echo, seen, false, null));
        }
        assertThat(runner.run(batch).values()).containsExactly("pool worker 3", "pool worker 4", "pool worker 5");
        for (int i = 0; i < 3; i++) {
            assertThat(get(submitted.get(i))).isEqualTo("pool worker " + i);
        }

        runner.close();

        assertNothingOfTheLoopLeft(seen.threads);
        assertThatThrownBy(() -> runner.submit(worker(strategy, 9, echo, seen, false, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runner is closed");
        runner.close(); // closing again does nothing
    }
}
