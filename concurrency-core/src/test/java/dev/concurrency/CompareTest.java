package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Concurrency#compare} on small task lists. */
@Timeout(60)
class CompareTest {

    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @AfterEach
    void noSamplerThreadIsLeft() {
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("concurrency-compare") && t.isAlive());
    }

    /** Three tasks that succeed and, at index 2, one that fails. */
    private List<Task<Integer>> directTasks() {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            tasks.add(Task.named(n == 2 ? "boom" : "ok", ctx -> {
                runs.incrementAndGet();
                ctx.checkpoint();
                if (n == 2) {
                    throw new IOException("boom");
                }
                return n;
            }));
        }
        return tasks;
    }

    private List<AsyncTask<Integer>> asyncTasks(int count) {
        List<AsyncTask<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            tasks.add(ctx -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                return ctx.checkpoint().thenApply(v -> {
                    runs.incrementAndGet();
                    inFlight.decrementAndGet();
                    return n;
                });
            });
        }
        return tasks;
    }

    @Test
    void oneRowPerStrategyInOrderWithFailuresCountedAndAStrategyThatCannotRunReported() {
        Comparison c = Concurrency.compare(directTasks(), Strategy.THREAD, Strategy.CALLBACK, Strategy.VIRTUAL_THREAD);

        assertThat(c.rows()).extracting(ComparisonRow::label).containsExactly("THREAD", "CALLBACK", "VIRTUAL_THREAD");
        for (Strategy ran : List.of(Strategy.THREAD, Strategy.VIRTUAL_THREAD)) {
            ComparisonRow row = c.row(ran).orElseThrow();
            assertThat(row.ran()).isTrue();
            assertThat(row.tasks()).isEqualTo(4);
            assertThat(row.failures()).isEqualTo(1);
            assertThat(row.firstFailure()).hasValue("tasks[2] 'boom' failed: java.io.IOException: boom");
            assertThat(row.latencyP50()).isPositive().isLessThanOrEqualTo(row.latencyP99());
            assertThat(row.latencyP99()).isLessThanOrEqualTo(row.wallTime());
            assertThat(row.peakThreads()).isPositive();
            assertThat(row.memory().peakHeap()).isPositive().isGreaterThanOrEqualTo(row.memory().heapAtStart());
            assertThat(row.gilWait()).isEmpty();
        }
        ComparisonRow callback = c.row(Strategy.CALLBACK).orElseThrow();
        assertThat(callback.ran()).isFalse();
        assertThat(callback.notRunReason().orElseThrow()).startsWith("CALLBACK runs AsyncTask only; tasks[0] 'ok'");
        assertThat(c.table()).contains("CALLBACK        not run: CALLBACK runs AsyncTask only");
        assertThat(runs).hasValue(2 * 4 * 2); // two strategies ran, each a warm-up and a measured run
    }

    /** Tasks that capture nothing but their number, so that every strategy (worker processes too) can run them. */
    private static List<AsyncTask<Integer>> serializableTasks(int count) {
        List<AsyncTask<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            tasks.add(ctx -> ctx.checkpoint().thenApply(v -> n));
        }
        return tasks;
    }

    @Test
    void everyInstalledStrategyWhenNoneIsNamed() {
        Comparison c = Concurrency.compare(serializableTasks(3), CompareOptions.defaults().warmUp(1));

        // CLUSTER's provider is in concurrency-hazelcast, not on this module's class path
        Strategy[] installed = java.util.Arrays.stream(Strategy.values()).filter(s -> s != Strategy.CLUSTER)
                .toArray(Strategy[]::new);
        assertThat(c.rows()).extracting(ComparisonRow::strategy).containsExactly(installed);
        assertThat(c.rows()).allSatisfy(row -> {
            assertThat(row.ran()).as("%s", row).isTrue();
            assertThat(row.failures()).as("%s", row).isZero();
        });
        assertThat(c.toCsv().lines()).hasSize(1 + installed.length);
    }

    @Test
    void theWarmUpTakesTheFirstTasks() {
        Concurrency.compare(asyncTasks(3), CompareOptions.defaults().warmUp(1), Strategy.THREAD, Strategy.EVENT_LOOP);

        assertThat(runs).hasValue(2 * (1 + 3));
    }

    @Test
    void runsEveryStrategyWithTheTemplatesOptions() {
        CompareOptions options = CompareOptions.of(RunOptions.of(Strategy.EVENT_LOOP).gil(Gil.python3()).maxConcurrency(1))
                .warmUp(0);
        Comparison c = Concurrency.compare(asyncTasks(2), options, Strategy.THREAD, Strategy.VIRTUAL_THREAD);

        assertThat(c.rows()).allSatisfy(row -> {
            assertThat(row.gil()).isEqualTo(Gil.python3());
            assertThat(row.gilWait()).isPresent();
        });
        assertThat(runs).hasValue(2 * 2);
        assertThat(mostInFlight).hasValue(1);
        assertThat(c.table().lines().findFirst().orElseThrow()).contains("GIL wait (s)");
    }

    @Test
    void anInterruptedCallerGetsRowsSayingSoAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        Comparison c;
        try {
            c = Concurrency.compare(asyncTasks(2), Strategy.THREAD, Strategy.EVENT_LOOP);
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(c.rows()).allSatisfy(row ->
                assertThat(row.notRunReason()).hasValue("the comparison was interrupted"));
        assertThat(runs).hasValue(0);
    }

    @Test
    void rejectsBadArgumentsBeforeAnythingRuns() {
        List<Task<Integer>> tasks = directTasks();
        assertThatThrownBy(() -> Concurrency.compare(tasks, Strategy.THREAD, null))
                .isInstanceOf(NullPointerException.class).hasMessage("strategies[1] is null");
        assertThatThrownBy(() -> Concurrency.compare(tasks, Strategy.THREAD, Strategy.EVENT_LOOP, Strategy.THREAD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategies: [THREAD, EVENT_LOOP, THREAD] (expected: each strategy at most once)");
        assertThatThrownBy(() -> Concurrency.compare(Arrays.asList(tasks.get(0), null), Strategy.THREAD))
                .isInstanceOf(NullPointerException.class).hasMessage("tasks[1] is null");
        assertThatThrownBy(() -> Concurrency.compare(tasks, (CompareOptions) null))
                .isInstanceOf(NullPointerException.class).hasMessage("options is null");
        assertThatThrownBy(() -> CompareOptions.defaults().warmUp(-1))
                .hasMessage("warmUp: -1 (expected: >= 0)");
        assertThatThrownBy(() -> CompareOptions.defaults().memorySampleInterval(java.time.Duration.ZERO))
                .hasMessage("memorySampleInterval: PT0S (expected: > 0)");
        assertThat(runs).hasValue(0);
    }

    @Test
    void anAsyncTaskThatCompletesAtOnceRunsEverywhere() {
        AsyncTask<String> done = ctx -> CompletableFuture.completedFuture("done");
        Comparison c = Concurrency.compare(List.of(done), CompareOptions.defaults().warmUp(0), Strategy.CALLBACK);
        assertThat(c.rows()).singleElement().satisfies(row -> assertThat(row.failures()).isZero());
    }
}
