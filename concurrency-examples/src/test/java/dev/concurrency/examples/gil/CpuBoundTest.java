package dev.concurrency.examples.gil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Gil;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Outcome;
import dev.concurrency.Runner;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    void theCallbackFormTakesTurnsOnOneLoop() throws Exception {
        // two tasks on one loop, checkpoints every 100 calls: the first gives the loop up many times, so the second
        // starts before the first ends. The first's start waits until the second is queued behind it on the loop.
        CountDownLatch secondQueued = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        TaskListener listener = new TaskListener() {
            @Override
            public void started(TaskInfo task) {
                events.add("started");
                if (events.size() == 1) {
                    await(secondQueued);
                }
            }

            @Override
            public void finished(TaskInfo task, Outcome<?> outcome) {
                events.add("finished");
            }
        };
        try (Runner runner = Concurrency.open(RunOptions.of(Strategy.CALLBACK).loops(1).listener(listener))) {
            CompletableFuture<Long> first = runner.submit(new CpuBound.AsyncFibTask(22, 100));
            CompletableFuture<Long> second = runner.submit(new CpuBound.AsyncFibTask(22, 100));
            secondQueued.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(17_711L);
            assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(17_711L);
        }
        assertThat(events).as("the second starts before the first ends")
                .containsExactly("started", "started", "finished", "finished");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
