package dev.concurrency.tests;

import static dev.concurrency.tests.TestSupport.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.Strategies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many concurrent waits: every task ends, in order, once. Size scales with
 * {@code -Dconcurrency.stress}. CALLBACK runs the tasks' async form. Tasks
 * are serialized copies (see {@link TestSupport#form}).
 */
class ManySleepersStressTest {

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void thousandsOfSleepingTasksAllEndInOrder(Strategy strategy) {
        // A task's sleep holds a whole worker process, so a pool of workers runs a tenth as many.
        int n = (Strategies.runsInWorkerProcesses(strategy) ? 200 : 2_000) * TestSupport.STRESS;
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            tasks.add(form(strategy, ctx -> {
                ctx.sleep(Duration.ofMillis(50));
                return index;
            }, ctx -> ctx.sleep(Duration.ofMillis(50)).thenApply(v -> index)));
        }
        Results<Integer> results = Concurrency.run(tasks, strategy);
        List<Integer> values = results.values();
        for (int i = 0; i < n; i++) {
            assertThat(values.get(i)).isEqualTo(i);
        }
    }
}
