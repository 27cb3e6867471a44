package dev.concurrency.tests.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.Concurrency;
import dev.concurrency.Gil;
import dev.concurrency.Handle;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskGroup;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.Strategies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Task structure under a GIL: a parent waiting for its children inside a
 * {@code withTimeout} scope releases the lock (else its children could never
 * run, and the run would hang), children share the lock and count in its
 * figures, and a child may wait for its sibling.
 */
@org.junit.jupiter.api.extension.ExtendWith(NothingLeftBehind.class)
@Timeout(120)
@SuppressWarnings("try") // TaskGroup.close() is a cancellation point: it may throw InterruptedException
class GilStructureTest {

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aParentWaitingForItsChildrenReleasesTheLock(Strategy strategy) {
        Task<Long> direct = ctx -> ctx.withTimeout(Duration.ofSeconds(60), () -> {
            try (TaskGroup<Long> group = ctx.group()) {
                Handle<Long> first = group.spawn(child -> {
                    long sum = 0;
                    for (int i = 0; i < 20_000; i++) {
                        child.checkpoint();
                        sum += i;
                    }
                    return sum;
                });
                Handle<Long> second = group.spawn(child -> first.join() + 1); // a child waiting for its sibling
                return second.join();
            }
        });
        AsyncTask<Long> async = ctx -> ctx.withTimeout(Duration.ofSeconds(60), () -> {
            AsyncTaskGroup<Long> group = ctx.group();
            group.spawn(child -> child.checkpoint().thenApply(v -> 199_990_000L));
            return group.join().thenCompose(outcomes -> group.close()
                    .thenApply(v -> ((Outcome.Success<Long>) outcomes.get(0)).value() + 1));
        });
        Task<Long> task = Serialization.copy(strategy == Strategy.CALLBACK ? async : direct);
        Results<Long> results = Concurrency.run(List.of(task), Strategies.options(strategy).gil(Gil.python3()));
        assertThat(results.outcomes().get(0)).isEqualTo(new Outcome.Success<>(199_990_001L));
        if (!Strategies.runsInWorkerProcesses(strategy)) {
            assertThat(results.stats().children()).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.timing().gil().acquisitions()).isPositive());
        }
    }

}
