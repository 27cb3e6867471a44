package dev.concurrency.tests;

import static dev.concurrency.tests.LoopTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.EchoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only CALLBACK does: it runs AsyncTasks only (a direct-style Task is
 * rejected before anything runs), every callback of a task's stages runs on
 * its loop thread, and it has no ExecutorService.
 */
@Timeout(60)
class CallbackStrategyTest {

    private static final String REJECTED = "CALLBACK runs AsyncTask only; %s is a direct-style Task — "
            + "use EVENT_LOOP, or write it as an AsyncTask";

    @Test
    void aDirectStyleTaskIsRejectedBeforeAnythingRunsWithAMessageNamingIt() {
        AtomicInteger ran = new AtomicInteger();
        AsyncTask<Integer> async = ctx -> LoopTestSupport.done(ran.incrementAndGet());
        List<Task<Integer>> named = List.of(async, Task.named("plain", ctx -> ran.incrementAndGet()), async);
        List<Task<Integer>> unnamed = List.of(async, async, ctx -> ran.incrementAndGet());

        assertThatThrownBy(() -> Concurrency.run(named, Strategy.CALLBACK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REJECTED, "tasks[1] 'plain'");
        assertThatThrownBy(() -> Concurrency.run(unnamed, RunOptions.of(Strategy.CALLBACK).loops(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REJECTED, "tasks[2]");
        assertThat(LoopTestSupport.liveLoopThreads()).as("loops opened for a rejected run").isEmpty();

        try (Runner runner = Concurrency.open(Strategy.CALLBACK)) {
            assertThatThrownBy(() -> runner.run(named))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(REJECTED, "tasks[1] 'plain'");
            assertThatThrownBy(() -> runner.submit(Task.named("plain", ctx -> ran.incrementAndGet())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(REJECTED, "task 'plain'");
            assertThatThrownBy(() -> runner.submit(ctx -> ran.incrementAndGet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(REJECTED, "submitted task");
            // The runner is still usable, and the same AsyncTask runs.
            assertThat(runner.run(List.of(async)).values()).containsExactly(1);
        }
        assertThat(ran).as("tasks run, besides the last AsyncTask").hasValue(1);
    }

    /** The threads each step of one task ran on. */
    private static final class Steps {
        final Map<String, Thread> byStep = new ConcurrentHashMap<>();
        final List<String> order = new CopyOnWriteArrayList<>();

        <V> V on(String step, V value) {
            byStep.put(step, Thread.currentThread());
            order.add(step);
            return value;
        }
    }

    private static AsyncTask<String> everyKindOfStage(int index, Steps steps, InetSocketAddress echo,
                                                      CompletableFuture<String> foreign,
                                                      CompletableFuture<Void> awaiting) {
        return ctx -> {
            steps.on("start", null);
            return ctx.sleep(Duration.ofMillis(1)).thenApply(v -> steps.on("after sleep", v))
                    .thenCompose(v -> ctx.checkpoint()).thenApply(v -> steps.on("after checkpoint", v))
                    .thenCompose(v -> {
                        CompletionStage<String> awaited = ctx.await(foreign);
                        awaiting.complete(null);
                        return awaited;
                    })
                    .thenApply(v -> steps.on("after await of a future completed on a foreign thread", v))
                    .thenCompose(v -> ctx.await(CompletableFuture.failedFuture(new IOException("failed stage"))))
                    .exceptionally(e -> steps.on("after await of a failed future", "recovered"))
                    .thenCompose(v -> ctx.blocking(() -> steps.on("inside blocking work", "blocking")))
                    .thenApply(v -> steps.on("after blocking", v))
                    .thenCompose(v -> ctx.blocking(() -> {
                        throw new IOException("blocking work failed");
                    }))
                    .exceptionally(e -> steps.on("after failed blocking work", "recovered"))
                    .thenCompose(v -> ctx.connect(echo)).thenApply(c -> steps.on("after connect", c))
                    .thenCompose(c -> c.write("hello " + index + "\n")
                            .thenApply(v -> steps.on("after write", v))
                            .thenCompose(v -> c.readLine())
                            .thenApply(line -> steps.on("after readLine", line))
                            .whenComplete((line, e) -> c.close()))
                    .thenCompose(line -> ctx.sleep(Duration.ZERO).thenApply(v -> line))
                    .whenComplete((line, e) -> steps.on("in whenComplete", line));
        };
    }

    @ParameterizedTest(name = "loops({0})")
    @ValueSource(ints = {1, 2})
    void everyCallbackOfATaskRunsOnItsLoopThread(int loops) throws Exception {
        int taskCount = 4;
        List<Steps> steps = new ArrayList<>();
        try (EchoServer echo = EchoServer.start();
             Runner runner = Concurrency.open(RunOptions.of(Strategy.CALLBACK).loops(loops))) {
            CompletableFuture<String> foreign = new CompletableFuture<>();
            List<CompletableFuture<Void>> awaiting = new ArrayList<>();
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < taskCount; i++) {
                Steps s = new Steps();
                CompletableFuture<Void> a = new CompletableFuture<>();
                steps.add(s);
                awaiting.add(a);
                futures.add(runner.submit(everyKindOfStage(i, s, echo.address(), foreign, a)));
            }
            get(CompletableFuture.allOf(awaiting.toArray(CompletableFuture[]::new)));
            foreign.complete("completed by " + Thread.currentThread().getName()); // the test's own thread
            for (int i = 0; i < taskCount; i++) {
                assertThat(get(futures.get(i))).isEqualTo("hello " + i);
            }
        }

        Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();
        for (Steps s : steps) {
            assertThat(s.order).containsExactly("start", "after sleep", "after checkpoint",
                    "after await of a future completed on a foreign thread", "after await of a failed future",
                    "inside blocking work", "after blocking", "after failed blocking work", "after connect",
                    "after write", "after readLine", "in whenComplete");
            Thread loop = s.byStep.get("start");
            assertThat(loop.getName()).matches("concurrency-\\d+-loop-\\d");
            loopThreads.add(loop);
            s.byStep.forEach((step, thread) -> {
                if (step.equals("inside blocking work")) {
                    assertThat(thread).as(step).isNotSameAs(loop);
                    assertThat(thread.getName()).as(step).matches("concurrency-\\d+-blocking-\\d+");
                } else {
                    assertThat(thread).as(step).isSameAs(loop);
                }
            });
        }
        assertThat(loopThreads).as("loop threads the tasks ran on").hasSize(loops);
        LoopTestSupport.assertNothingOfTheLoopLeft(loopThreads);
    }

    @Test
    void callbackHasNoExecutorServiceAndSaysWhatToUseInstead() {
        for (Runnable attempt : List.<Runnable>of(
                () -> Concurrency.executor(Strategy.CALLBACK),
                () -> Concurrency.executor(RunOptions.of(Strategy.CALLBACK).loops(2)))) {
            assertThatThrownBy(attempt::run)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("CALLBACK runs AsyncTasks, and an ExecutorService runs Runnables and Callables: "
                            + "use Concurrency.open(Strategy.CALLBACK) and submit AsyncTasks, or EVENT_LOOP here");
        }
        assertThat(LoopTestSupport.liveLoopThreads()).as("threads left by the refused executors").isEmpty();
    }

    @Test
    void aTaskWhoseStartThrowsOrReturnsNoStageFailsAloneNamingItself() {
        IllegalStateException thrown = new IllegalStateException("start failed");
        List<Task<String>> tasks = List.of(
                AsyncTask.<String>named("thrower", ctx -> {
                    throw thrown;
                }),
                AsyncTask.<String>named("nothing", ctx -> null),
                (AsyncTask<String>) ctx -> ctx.sleep(Duration.ofMillis(1)).thenApply(v -> "fine"));

        Results<String> results = Concurrency.run(tasks, Strategy.CALLBACK);

        assertThat(results.outcomes().get(0)).isEqualTo(new Outcome.Failure<>(thrown));
        assertThat(results.outcomes().get(1)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                assertThat(f.error()).isInstanceOf(NullPointerException.class)
                        .hasMessage("tasks[1] 'nothing' returned a null stage from start(ctx)"));
        assertThat(results.outcomes().get(2)).isEqualTo(new Outcome.Success<>("fine"));
        assertThat(LoopTestSupport.liveLoopThreads()).isEmpty();
    }
}
