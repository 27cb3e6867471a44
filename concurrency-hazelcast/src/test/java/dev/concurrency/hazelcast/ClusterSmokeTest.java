package dev.concurrency.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClusterSmokeTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void runsOnTwoMembers() {
        List<Task<Long>> tasks = List.of(ctx -> ProcessHandle.current().pid(), ctx -> ProcessHandle.current().pid(),
                ctx -> ProcessHandle.current().pid(), ctx -> ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        Results<Long> results = Concurrency.run(tasks, RunOptions.of(Strategy.CLUSTER)
                .with(ClusterOptions.defaults().members(2).executorPoolSize(1)));
        System.err.println("took " + (System.nanoTime() - t0) / 1e6 + " ms: " + results.outcomes() + " " + results.stats().workers());
        assertThat(results.values()).doesNotContain(ProcessHandle.current().pid());
        assertThat(results.values().stream().distinct().count()).isEqualTo(2);
    }
}
