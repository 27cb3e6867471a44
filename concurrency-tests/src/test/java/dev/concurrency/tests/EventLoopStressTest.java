package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hundred thousand tasks ({@code × -Dconcurrency.stress}) on one loop: all
 * of them are suspended at once (each waits until the last has arrived), then
 * each sleeps 200 ms; every one completes, and the outcomes come in input order.
 */
class EventLoopStressTest {

    private static final Duration SLEEP = Duration.ofMillis(200);

    static List<Strategy> strategies() {
        return LoopTestSupport.loopStrategies();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    @Timeout(300)
    void aHundredThousandSleepingTasksAllCompleteInInputOrder(Strategy strategy) {
        int n = 100_000 * LoopTestSupport.STRESS;
        AtomicInteger arrived = new AtomicInteger();
        CompletableFuture<Void> allArrived = new CompletableFuture<>();
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            if (strategy == Strategy.EVENT_LOOP) {
                tasks.add(ctx -> {
                    if (arrived.incrementAndGet() == n) {
                        allArrived.complete(null);
                    }
                    ctx.await(allArrived);
                    ctx.sleep(SLEEP);
                    return index;
                });
            } else {
                tasks.add((AsyncTask<Integer>) ctx -> {
                    if (arrived.incrementAndGet() == n) {
                        allArrived.complete(null);
                    }
                    return ctx.await(allArrived).thenCompose(v -> ctx.sleep(SLEEP)).thenApply(v -> index);
                });
            }
        }

        Results<Integer> results = Concurrency.run(tasks, strategy);

        List<Integer> values = results.values();
        assertThat(values).hasSize(n);
        for (int i = 0; i < n; i++) {
            if (values.get(i) != i) {
                assertThat(values.get(i)).as("outcome of tasks[%d]", i).isEqualTo(i);
            }
        }
        assertThat(arrived).hasValue(n);
        System.err.printf("%s: %d sleeping tasks: %s%n", strategy, n, results.stats());
    }
}
