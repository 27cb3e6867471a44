package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.tests.LoopTestSupport.Expect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order in which a loop resumes its tasks, step by step (kotlinx-style
 * {@code expect(n)}), and that a loop runs one task (one callback) at a time.
 * Each scenario runs under EVENT_LOOP (direct-style tasks as coroutines) and
 * CALLBACK (the same steps as AsyncTasks).
 */
@Timeout(60)
class EventLoopTest {

    static List<Strategy> strategies() {
        return LoopTestSupport.loopStrategies();
    }

    /** How a task gives its loop back for a moment. */
    enum Yield {
        SLEEP_ZERO, CHECKPOINT;

        void in(TaskContext ctx) throws InterruptedException {
            if (this == SLEEP_ZERO) {
                ctx.sleep(Duration.ZERO);
            } else {
                ctx.checkpoint();
            }
        }

        CompletionStage<Void> in(AsyncContext ctx) {
            return this == SLEEP_ZERO ? ctx.sleep(Duration.ZERO) : ctx.checkpoint();
        }
    }

    static List<Arguments> strategiesAndYields() {
        List<Arguments> arguments = new ArrayList<>();
        for (Strategy strategy : strategies()) {
            for (Yield yield : Yield.values()) {
                arguments.add(Arguments.of(strategy, yield));
            }
        }
        return arguments;
    }

    /**
     * N tasks on one loop are lined up (the last one releases the others' gates
     * in order, then yields), and each then takes K steps with a yield between
     * them: they take turns, in input order, one step each.
     */
    @ParameterizedTest
    @MethodSource("strategiesAndYields")
    void tasksThatYieldTakeTurnsInInputOrder(Strategy strategy, Yield yield) {
        int n = 4;
        int k = 5;
        Expect expect = new Expect();
        List<CompletableFuture<Void>> gates = IntStream.range(0, n - 1)
                .mapToObj(i -> new CompletableFuture<Void>()).toList();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            if (strategy == Strategy.EVENT_LOOP) {
                tasks.add(ctx -> {
                    if (index < n - 1) {
                        ctx.await(gates.get(index));
                    } else {
                        gates.forEach(g -> g.complete(null));
                        yield.in(ctx);
                    }
                    for (int step = 0; step < k; step++) {
                        expect.expect(1 + step * n + index);
                        yield.in(ctx);
                    }
                    return index;
                });
            } else {
                tasks.add((AsyncTask<Integer>) ctx -> {
                    CompletionStage<Void> lined;
                    if (index < n - 1) {
                        lined = ctx.await(gates.get(index));
                    } else {
                        gates.forEach(g -> g.complete(null));
                        lined = yield.in(ctx);
                    }
                    return lined.thenCompose(v -> steps(ctx, yield, expect, index, n, 0, k));
                });
            }
        }

        Results<Integer> results = Concurrency.run(tasks, RunOptions.of(strategy).loops(1));

        expect.check();
        assertThat(results.values()).containsExactly(0, 1, 2, 3);
    }

    private static CompletionStage<Integer> steps(AsyncContext ctx, Yield yield, Expect expect,
                                                  int index, int n, int step, int k) {
        if (step == k) {
            return LoopTestSupport.done(index);
        }
        expect.expect(1 + step * n + index);
        return yield.in(ctx).thenCompose(v -> steps(ctx, yield, expect, index, n, step + 1, k));
    }

    /**
     * Completing a future on the loop does not switch to its awaiter: the
     * completer goes on until it suspends (or ends), then the awaiter resumes,
     * before the completer's own resumption.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void anAwaiterResumesOnlyAfterTheTaskCompletingItsFutureSuspends(Strategy strategy) {
        Expect expect = new Expect();
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        List<Task<String>> tasks;
        if (strategy == Strategy.EVENT_LOOP) {
            tasks = List.of(
                    ctx -> {
                        expect.expect(1);
                        String a = ctx.await(first);
                        expect.expect(4);
                        String b = ctx.await(second);
                        expect.expect(7);
                        return a + b;
                    },
                    ctx -> {
                        expect.expect(2);
                        first.complete("a");
                        expect.expect(3);
                        ctx.sleep(Duration.ZERO);
                        expect.expect(5);
                        second.complete("b");
                        expect.expect(6);
                        return "completer";
                    });
        } else {
            tasks = List.of(
                    (AsyncTask<String>) ctx -> {
                        expect.expect(1);
                        return ctx.await(first).thenCompose(a -> {
                            expect.expect(4);
                            return ctx.await(second).thenApply(b -> {
                                expect.expect(7);
                                return a + b;
                            });
                        });
                    },
                    (AsyncTask<String>) ctx -> {
                        expect.expect(2);
                        first.complete("a");
                        expect.expect(3);
                        return ctx.sleep(Duration.ZERO).thenApply(v -> {
                            expect.expect(5);
                            second.complete("b");
                            expect.expect(6);
                            return "completer";
                        });
                    });
        }

        Results<String> results = Concurrency.run(tasks, RunOptions.of(strategy).loops(1));

        expect.check();
        assertThat(results.values()).containsExactly("ab", "completer");
        expect.finish(8);
    }

    static List<Arguments> strategiesAndLoops() {
        List<Arguments> arguments = new ArrayList<>();
        for (Strategy strategy : strategies()) {
            arguments.add(Arguments.of(strategy, 1));
            arguments.add(Arguments.of(strategy, 2));
        }
        return arguments;
    }

    /**
     * 50 tasks, each suspending many times in every way, on one loop (or two):
     * never more than one of them runs at a time on a loop. Tasks are spread
     * over the loops in turn, so task i runs on loop i % loops.
     */
    @ParameterizedTest
    @MethodSource("strategiesAndLoops")
    void onlyOneTaskRunsAtATimePerLoop(Strategy strategy, int loops) {
        int taskCount = 50;
        int suspensions = 60 * LoopTestSupport.STRESS;
        InFlight[] perLoop = IntStream.range(0, loops).mapToObj(i -> new InFlight()).toArray(InFlight[]::new);
        InFlight overall = new InFlight();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            int index = i;
            InFlight mine = perLoop[i % loops];
            Runnable enter = () -> {
                mine.enter();
                overall.enter();
            };
            Runnable leave = () -> {
                overall.leave();
                mine.leave();
            };
            if (strategy == Strategy.EVENT_LOOP) {
                tasks.add(ctx -> {
                    for (int s = 0; s < suspensions; s++) {
                        enter.run();
                        busy();
                        leave.run();
                        switch (s % 5) {
                            case 0 -> ctx.sleep(Duration.ZERO);
                            case 1 -> ctx.checkpoint();
                            case 2 -> ctx.await(CompletableFuture.completedFuture(s));
                            case 3 -> ctx.sleep(Duration.ofMillis(1));
                            default -> ctx.blocking(() -> index);
                        }
                    }
                    return index;
                });
            } else {
                tasks.add((AsyncTask<Integer>) ctx -> suspendMany(ctx, index, 0, suspensions, enter, leave));
            }
        }

        Results<Integer> results = Concurrency.run(tasks, RunOptions.of(strategy).loops(loops));

        assertThat(results.values()).containsExactlyElementsOf(IntStream.range(0, taskCount).boxed().toList());
        for (InFlight loop : perLoop) {
            assertThat(loop.max()).as("tasks running at once on one loop").isEqualTo(1);
        }
        assertThat(overall.max()).as("tasks running at once on all loops").isBetween(1, loops);
    }

    private static CompletionStage<Integer> suspendMany(AsyncContext ctx, int index, int s, int suspensions,
                                                        Runnable enter, Runnable leave) {
        if (s == suspensions) {
            return LoopTestSupport.done(index);
        }
        enter.run();
        busy();
        leave.run();
        CompletionStage<?> wait = switch (s % 5) {
            case 0 -> ctx.sleep(Duration.ZERO);
            case 1 -> ctx.checkpoint();
            case 2 -> ctx.await(CompletableFuture.completedFuture(s));
            case 3 -> ctx.sleep(Duration.ofMillis(1));
            default -> ctx.blocking(() -> index);
        };
        return wait.thenCompose(v -> {
            enter.run();
            busy();
            leave.run();
            return suspendMany(ctx, index, s + 1, suspensions, enter, leave);
        });
    }

    /** A little work, so that two tasks running at once would overlap. */
    private static void busy() {
        for (int i = 0; i < 200; i++) {
            Thread.onSpinWait();
        }
    }

    /** Counts what runs at once and remembers the most. */
    private static final class InFlight {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        void enter() {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }

        int max() {
            return max.get();
        }
    }
}
