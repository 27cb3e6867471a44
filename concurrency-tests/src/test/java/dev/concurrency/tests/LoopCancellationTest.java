package dev.concurrency.tests;

import static dev.concurrency.tests.LoopTestSupport.FOREVER;
import static dev.concurrency.tests.LoopTestSupport.LONG;
import static dev.concurrency.tests.LoopTestSupport.get;
import static dev.concurrency.tests.LoopTestSupport.scaled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import dev.concurrency.tests.logging.RecordedLogs;
import dev.concurrency.testkit.EchoServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

/**
 * A task cancelled (or timed out) while suspended in a socket read, a sleep or
 * an await ends promptly: its socket is closed (the server sees the client
 * close it), its timer is removed (the loop can end; an hour-long sleep would
 * otherwise keep it), and the other tasks of its loop go on and finish.
 */
@Timeout(60)
class LoopCancellationTest {

    /** Where the victim is suspended when it is stopped. */
    enum Wait {
        READ, SLEEP, AWAIT
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Strategy strategy : LoopTestSupport.loopStrategies()) {
            for (Wait wait : Wait.values()) {
                cases.add(Arguments.of(strategy, wait));
            }
        }
        return cases;
    }

    /** What a victim shares with the test. */
    private static final class Victim {
        final InetSocketAddress address;
        /** Completed by the victim just before it suspends. */
        final CompletableFuture<Void> armed = new CompletableFuture<>();
        /** Never completed while the victim waits on it. */
        final CompletableFuture<String> never = new CompletableFuture<>();

        Victim(InetSocketAddress address) {
            this.address = address;
        }

        Task<String> task(Strategy strategy, Wait wait) {
            if (strategy == Strategy.EVENT_LOOP) {
                return Task.named("victim", ctx -> direct(ctx, wait));
            }
            return AsyncTask.named("victim", ctx -> async(ctx, wait));
        }

        private String direct(TaskContext ctx, Wait wait) throws Exception {
            switch (wait) {
                case READ -> {
                    Connection c = ctx.connect(address);
                    armed.complete(null);
                    return "read " + c.readLine();
                }
                case SLEEP -> {
                    armed.complete(null);
                    ctx.sleep(FOREVER);
                    return "slept";
                }
                default -> {
                    armed.complete(null);
                    return ctx.await(never);
                }
            }
        }

        private CompletionStage<String> async(AsyncContext ctx, Wait wait) {
            return switch (wait) {
                case READ -> ctx.connect(address).thenCompose(c -> {
                    armed.complete(null);
                    return c.readLine();
                }).thenApply(line -> "read " + line);
                case SLEEP -> {
                    armed.complete(null);
                    yield ctx.sleep(FOREVER).thenApply(v -> "slept");
                }
                default -> {
                    armed.complete(null);
                    yield ctx.await(never);
                }
            };
        }

        /**
         * A task that runs once the victim has armed its wait: on a loop of its
         * own, that means the victim has given the loop back, suspended.
         */
        Task<String> witness(Strategy strategy, CompletableFuture<Void> suspended) {
            if (strategy == Strategy.EVENT_LOOP) {
                return ctx -> {
                    ctx.await(armed);
                    suspended.complete(null);
                    return "witness";
                };
            }
            return (AsyncTask<String>) ctx -> ctx.await(armed).thenApply(v -> {
                suspended.complete(null);
                return "witness";
            });
        }
    }

    /** A task of the same loop that waits for {@code go}, then takes a few more steps on the loop. */
    private static Task<String> bystander(Strategy strategy, int index, CompletionStage<?> go) {
        int steps = 10;
        if (strategy == Strategy.EVENT_LOOP) {
            return ctx -> {
                ctx.await(go);
                for (int s = 0; s < steps; s++) {
                    ctx.sleep(Duration.ofMillis(1));
                    ctx.checkpoint();
                }
                return "bystander " + index;
            };
        }
        return (AsyncTask<String>) ctx -> {
            CompletionStage<?> stage = ctx.await(go);
            for (int s = 0; s < steps; s++) {
                stage = stage.thenCompose(v -> ctx.sleep(Duration.ofMillis(1))).thenCompose(v -> ctx.checkpoint());
            }
            return stage.thenApply(v -> "bystander " + index);
        };
    }

    @ParameterizedTest(name = "{0}, cancelled in {1}")
    @MethodSource("cases")
    void aTaskCancelledWhileSuspendedEndsPromptlyAndTheLoopGoesOn(Strategy strategy, Wait wait) throws Exception {
        long logMark = RecordedLogs.mark();
        CompletableFuture<Outcome<?>> victimEnded = new CompletableFuture<>();
        TaskListener listener = new TaskListener() {
            @Override
            public void finished(TaskInfo task, Outcome<?> outcome) {
                if (task.name().equals("victim")) {
                    victimEnded.complete(outcome);
                }
            }
        };
        try (EchoServer server = EchoServer.start()) {
            Victim victim = new Victim(server.address());
            CompletableFuture<Void> suspended = new CompletableFuture<>();
            Runner runner = Concurrency.open(RunOptions.of(strategy).loops(1).listener(listener));
            try (runner) {
                List<CompletableFuture<String>> bystanders = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    bystanders.add(runner.submit(bystander(strategy, i, victimEnded)));
                }
                CompletableFuture<String> victimFuture = runner.submit(victim.task(strategy, wait));
                CompletableFuture<String> witness = runner.submit(victim.witness(strategy, suspended));
                get(suspended);
                if (wait == Wait.READ) {
                    assertThat(server.awaitAccepted(1, LONG)).as("the victim connected").isTrue();
                }

                long cancelledAt = System.nanoTime();
                victimFuture.cancel(true);
                Outcome<?> outcome = get(victimEnded);
                Duration took = Duration.ofNanos(System.nanoTime() - cancelledAt);

                assertThat(outcome).isInstanceOf(Outcome.Cancelled.class);
                assertThat(took).as("time from cancel to the victim's end").isLessThan(scaled(5_000));
                if (wait == Wait.READ) {
                    assertThat(server.awaitClosedByClients(1, LONG)).as("the server saw the victim close").isTrue();
                }
                assertThat(get(witness)).isEqualTo("witness");
                for (int i = 0; i < bystanders.size(); i++) {
                    assertThat(get(bystanders.get(i))).isEqualTo("bystander " + i);
                }
                // A late completion of what the victim awaited changes nothing, and the loop still runs tasks.
                victim.never.complete("too late");
                assertThat(get(runner.submit(bystander(strategy, 9, LoopTestSupport.done(null)))))
                        .isEqualTo("bystander 9");
            }
            assertThat(server.closedByClientsNow()).as("connections closed beyond the victim's").isZero();
        }
        assertThat(LoopTestSupport.liveLoopThreads()).isEmpty();
        assertThat(RecordedLogs.since(logMark)).as("errors logged")
                .noneMatch(e -> e.level() == Level.ERROR);
    }

    @ParameterizedTest(name = "{0}, timed out in {1}")
    @MethodSource("cases")
    void aTaskTimingOutWhileSuspendedEndsPromptlyAndTheOthersFinish(Strategy strategy, Wait wait) throws Exception {
        Duration timeout = LoopTestSupport.TIMEOUT;
        Results<String> results;
        long runStarted = System.nanoTime();
        try (EchoServer server = EchoServer.start()) {
            Victim victim = new Victim(server.address());
            List<Task<String>> tasks = new ArrayList<>();
            tasks.add(victim.task(strategy, wait));
            for (int i = 0; i < 3; i++) {
                tasks.add(bystander(strategy, i, victim.armed));
            }
            results = Concurrency.run(tasks, RunOptions.of(strategy).loops(1).taskTimeout(timeout));
            if (wait == Wait.READ) {
                assertThat(server.awaitClosedByClients(1, LONG)).as("the server saw the victim close").isTrue();
            }
        }
        Duration runTook = Duration.ofNanos(System.nanoTime() - runStarted);

        assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(timeout),
                new Outcome.Success<>("bystander 0"), new Outcome.Success<>("bystander 1"),
                new Outcome.Success<>("bystander 2"));
        Duration victimRan = results.stats().tasks().get(0).runTime();
        assertThat(victimRan).as("the victim's run time").isBetween(timeout, timeout.plus(scaled(5_000)));
        assertThat(runTook).as("the run, which ends when its loop has no timer left").isLessThan(LONG);
        assertThat(LoopTestSupport.liveLoopThreads()).isEmpty();
    }
}
