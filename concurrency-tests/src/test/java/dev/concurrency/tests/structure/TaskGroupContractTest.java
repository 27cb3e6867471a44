package dev.concurrency.tests.structure;

import static dev.concurrency.tests.structure.TimeoutContractTest.LONG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncHandle;
import dev.concurrency.AsyncTask;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.ChildTiming;
import dev.concurrency.Concurrency;
import dev.concurrency.Handle;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskGroup;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.Strategies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code TaskGroup} under every strategy (CALLBACK runs {@code AsyncTaskGroup}):
 * outcomes in spawn order, the first failure cancelling siblings, {@code
 * close()} throwing a failure nobody took, {@code failFast(false)}, {@code
 * Handle.cancel}, a cancelled parent cancelling its children, THREAD parents
 * never starving their children, and children reported to the listener and
 * in {@code Stats.children()}.
 */
@SuppressWarnings("try") // TaskGroup.close() is a cancellation point: it may throw InterruptedException
@org.junit.jupiter.api.extension.ExtendWith(NothingLeftBehind.class)
@Timeout(120)
class TaskGroupContractTest {

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    static <T> Results<T> runOne(Strategy strategy, RunOptions options, Task<T> direct, AsyncTask<T> async) {
        Task<T> task = Serialization.copy(strategy == Strategy.CALLBACK ? async : direct);
        return Concurrency.run(List.of(task), options);
    }

    static <T> T value(Results<T> results) {
        Outcome<T> outcome = results.outcomes().get(0);
        assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Success.class);
        return ((Outcome.Success<T>) outcome).value();
    }

    static String describe(List<? extends Outcome<?>> outcomes) {
        List<String> kinds = new ArrayList<>();
        for (Outcome<?> o : outcomes) {
            kinds.add(switch (o) {
                case Outcome.Success<?> s -> "ok " + s.value();
                case Outcome.Failure<?> f -> "failed " + f.error().getMessage();
                case Outcome.Cancelled<?> c -> "cancelled";
                case Outcome.TimedOut<?> t -> "timed out";
            });
        }
        return String.join(", ", kinds);
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void childrenOutcomesComeInSpawnOrder(Strategy strategy) {
        Results<String> results = runOne(strategy, Strategies.options(strategy), ctx -> {
            try (TaskGroup<Integer> group = ctx.group()) {
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    group.spawn(child -> {
                        child.sleep(Duration.ofMillis(5L * (5 - n))); // ending in reverse order
                        return n * n;
                    });
                }
                return describe(group.join());
            }
        }, ctx -> {
            AsyncTaskGroup<Integer> group = ctx.group();
            for (int i = 0; i < 5; i++) {
                int n = i;
                group.spawn(child -> child.sleep(Duration.ofMillis(5L * (5 - n))).thenApply(v -> n * n));
            }
            return group.join().thenCompose(outcomes -> group.close().thenApply(v -> describe(outcomes)));
        });
        assertThat(value(results)).isEqualTo("ok 0, ok 1, ok 4, ok 9, ok 16");
        if (!Strategies.runsInWorkerProcesses(strategy)) {
            assertThat(results.stats().tasks()).hasSize(1);
            assertThat(results.stats().children()).hasSize(5)
                    .allSatisfy(c -> assertThat(c.parent()).isEqualTo(new TaskInfo(0, "")))
                    .extracting(c -> c.child().name()).containsExactlyInAnyOrder(
                            "child-0", "child-1", "child-2", "child-3", "child-4");
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theFirstFailureCancelsTheSiblings(Strategy strategy) {
        Results<String> results = runOne(strategy, Strategies.options(strategy), ctx -> {
            try (TaskGroup<String> group = ctx.group()) {
                group.spawn(child -> {
                    child.sleep(Duration.ofMillis(20));
                    throw new IllegalStateException("boom");
                });
                group.spawn(child -> {
                    child.sleep(LONG);
                    return "late";
                });
                return describe(group.join());
            }
        }, ctx -> {
            AsyncTaskGroup<String> group = ctx.group();
            group.spawn(child -> child.sleep(Duration.ofMillis(20)).thenApply(v -> {
                throw new IllegalStateException("boom");
            }));
            group.spawn(child -> child.sleep(LONG).thenApply(v -> "late"));
            return group.join().thenCompose(outcomes -> group.close().thenApply(v -> describe(outcomes)));
        });
        assertThat(value(results)).isEqualTo("failed boom, cancelled");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closeThrowsAFailureNobodyTookWithTheOthersSuppressed(Strategy strategy) {
        Results<String> results = runOne(strategy, Strategies.options(strategy), ctx -> {
            try {
                try (TaskGroup<String> group = ctx.<String>group().failFast(false)) {
                    group.spawn(child -> {
                        throw new IllegalStateException("first");
                    });
                    group.spawn(child -> {
                        child.sleep(Duration.ofMillis(20));
                        throw new IllegalArgumentException("second");
                    });
                }
                return "closed without an error";
            } catch (IllegalStateException e) {
                return e.getMessage() + " suppressing " + e.getSuppressed()[0].getMessage();
            }
        }, ctx -> {
            AsyncTaskGroup<String> group = ctx.<String>group().failFast(false);
            group.spawn(child -> CompletableFuture.failedFuture(new IllegalStateException("first")));
            group.spawn(child -> child.sleep(Duration.ofMillis(20)).thenApply(v -> {
                throw new IllegalArgumentException("second");
            }));
            return group.close().handle((v, e) -> e == null ? "closed without an error"
                    : unwrap(e).getMessage() + " suppressing " + unwrap(e).getSuppressed()[0].getMessage());
        });
        assertThat(value(results)).isEqualTo("first suppressing second");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void withoutFailFastEveryChildRunsToItsEnd(Strategy strategy) {
        Results<String> results = runOne(strategy, Strategies.options(strategy), ctx -> {
            try (TaskGroup<String> group = ctx.<String>group().failFast(false)) {
                group.spawn(child -> {
                    throw new IllegalStateException("boom");
                });
                group.spawn(child -> {
                    child.sleep(Duration.ofMillis(30));
                    return "done";
                });
                return describe(group.join());
            }
        }, ctx -> {
            AsyncTaskGroup<String> group = ctx.<String>group().failFast(false);
            group.spawn(child -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
            group.spawn(child -> child.sleep(Duration.ofMillis(30)).thenApply(v -> "done"));
            return group.join().thenCompose(outcomes -> group.close().thenApply(v -> describe(outcomes)));
        });
        assertThat(value(results)).isEqualTo("failed boom, ok done");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void oneTaskCancelsAnotherThroughItsHandle(Strategy strategy) {
        Results<String> results = runOne(strategy, Strategies.options(strategy), ctx -> {
            try (TaskGroup<String> group = ctx.group()) {
                Handle<String> sleeper = group.spawn(child -> {
                    child.sleep(LONG);
                    return "late";
                });
                Handle<String> canceller = group.spawn(child -> {
                    sleeper.cancel();
                    return "cancelled it";
                });
                String said = canceller.join();
                try {
                    return said + ", then " + sleeper.join();
                } catch (CancellationException e) {
                    return said + ", and its join says so";
                }
            }
        }, ctx -> {
            AsyncTaskGroup<String> group = ctx.group();
            AsyncHandle<String> sleeper = group.spawn(child -> child.sleep(LONG).thenApply(v -> "late"));
            AsyncHandle<String> canceller = group.spawn(child -> {
                sleeper.cancel();
                return CompletableFuture.completedFuture("cancelled it");
            });
            CompletionStage<String> result = canceller.join().thenCompose(said -> sleeper.join()
                    .handle((v, e) -> unwrap(e) instanceof CancellationException
                            ? said + ", and its join says so" : said + ", then " + v));
            return result.thenCompose(r -> group.close().thenApply(v -> r));
        });
        assertThat(value(results)).isEqualTo("cancelled it, and its join says so");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aCancelledParentCancelsItsChildrenAndTheRunEndsInTime(Strategy strategy) {
        long start = System.nanoTime();
        Results<String> results = runOne(strategy, Strategies.options(strategy).taskTimeout(Duration.ofMillis(300)), ctx -> {
            try (TaskGroup<String> group = ctx.group()) {
                for (int i = 0; i < 3; i++) {
                    group.spawn(child -> {
                        child.sleep(LONG);
                        return "late";
                    });
                }
                return describe(group.join());
            }
        }, ctx -> {
            AsyncTaskGroup<String> group = ctx.group();
            for (int i = 0; i < 3; i++) {
                group.spawn(child -> child.sleep(LONG).thenApply(v -> "late"));
            }
            return group.join().thenApply(TaskGroupContractTest::describe);
        });
        assertThat(results.outcomes().get(0)).isInstanceOf(Outcome.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the children were cancelled")
                .isLessThan(LONG.dividedBy(2));
        if (!Strategies.runsInWorkerProcesses(strategy)) {
            assertThat(results.stats().children()).hasSize(3);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void childrenReachTheListener(Strategy strategy) {
        if (Strategies.runsInWorkerProcesses(strategy)) {
            return; // children run inside the worker process, out of the listener's JVM
        }
        ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        TaskListener listener = new TaskListener() {
            @Override
            public void started(TaskInfo task) {
                events.add("started " + task.name());
            }

            @Override
            public void finished(TaskInfo task, Outcome<?> outcome) {
                events.add("finished " + task.name());
            }
        };
        Task<Integer> direct = Task.named("parent", ctx -> {
            try (TaskGroup<Integer> group = ctx.group()) {
                return group.spawn(Task.named("kid", child -> 7)).join();
            }
        });
        AsyncTask<Integer> async = AsyncTask.named("parent", ctx -> {
            AsyncTaskGroup<Integer> group = ctx.group();
            return group.spawn(AsyncTask.named("kid", child -> CompletableFuture.completedFuture(7))).join()
                    .thenCompose(v -> group.close().thenApply(x -> v));
        });
        Results<Integer> results = Concurrency.run(List.of(strategy == Strategy.CALLBACK ? async : direct),
                Strategies.options(strategy).listener(listener));
        assertThat(value(results)).isEqualTo(7);
        assertThat(events).containsExactlyInAnyOrder("started parent", "started parent/kid",
                "finished parent/kid", "finished parent");
        assertThat(List.copyOf(events).indexOf("finished parent/kid"))
                .isLessThan(List.copyOf(events).indexOf("finished parent"));
        ChildTiming kid = results.stats().children().get(0);
        assertThat(kid.parent().name()).isEqualTo("parent");
        assertThat(kid.timing().startedAt()).isPresent();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void parentsWaitingForChildrenNeverStarveThemAtTheConcurrencyBound(Strategy strategy) {
        List<Task<Integer>> parents = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Task<Integer> direct = ctx -> {
                try (TaskGroup<Integer> group = ctx.group()) {
                    for (int i = 0; i < 3; i++) {
                        group.spawn(child -> {
                            try (TaskGroup<Integer> inner = child.group()) { // grandchildren too
                                return inner.spawn(grandchild -> 1).join() + 1;
                            }
                        });
                    }
                    return group.join().stream().mapToInt(o -> ((Outcome.Success<Integer>) o).value()).sum();
                }
            };
            AsyncTask<Integer> async = ctx -> {
                AsyncTaskGroup<Integer> group = ctx.group();
                for (int i = 0; i < 3; i++) {
                    group.spawn(child -> CompletableFuture.completedFuture(2));
                }
                return group.join().thenApply(os -> os.stream()
                        .mapToInt(o -> ((Outcome.Success<Integer>) o).value()).sum());
            };
            parents.add(Serialization.copy(strategy == Strategy.CALLBACK ? async : direct));
        }
        Results<Integer> results = Concurrency.run(parents, Strategies.options(strategy).maxConcurrency(2));
        assertThat(results.values()).containsExactly(6, 6, 6, 6);
    }
}
