package dev.concurrency.examples.gil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CpuBoundTest {

    @Test
    void theCallbackFormComputesWhatTheDirectFormDoes() {
        List<Long> direct = Concurrency.run(List.of(new CpuBound.SparseFibTask(22, 100)),
                RunOptions.of(Strategy.THREAD)).values();
        List<Long> async = Concurrency.run(List.of(new CpuBound.AsyncFibTask(22, 100),
                        new CpuBound.AsyncFibTask(5, 100), new CpuBound.AsyncFibTask(0, 100)),
                RunOptions.of(Strategy.CALLBACK).gil(Gil.python3())).values();

        assertThat(direct).containsExactly(17_711L);
        assertThat(async).containsExactly(17_711L, 5L, 0L);
    }

    @Test
    void theCallbackFormTakesTurnsOnOneLoop() {
        // two tasks, checkpoints every 100 calls: each gives the loop up many times, so both are under way at once
        var results = Concurrency.run(List.of(new CpuBound.AsyncFibTask(22, 100), new CpuBound.AsyncFibTask(22, 100)),
                RunOptions.of(Strategy.CALLBACK));

        assertThat(results.values()).containsExactly(17_711L, 17_711L);
        var first = results.stats().tasks().get(0);
        var second = results.stats().tasks().get(1);
        assertThat(second.started()).as("the second starts before the first ends").isLessThan(first.ended());
    }
}
