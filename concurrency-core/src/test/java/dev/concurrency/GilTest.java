package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;

/** The emulated interpreter lock under every strategy that runs direct-style tasks. */
class GilTest {

    static Stream<Arguments> strategiesAndLocks() {
        List<Arguments> all = new ArrayList<>();
        for (Strategy s : List.of(Strategy.THREAD, Strategy.VIRTUAL_THREAD, Strategy.EVENT_LOOP)) {
            for (Gil gil : List.of(Gil.python3(), Gil.python3(Duration.ofMillis(1)), Gil.python2(), Gil.python2(10))) {
                all.add(Arguments.of(s, gil));
            }
        }
        return all.stream();
    }

    @Test
    void gilValuesCheckTheirArguments() {
        assertThat(Gil.off().isOff()).isTrue();
        assertThat(Gil.python3().switchInterval()).contains(Duration.ofMillis(5));
        assertThat(Gil.python2().checkInterval()).hasValue(100);
        assertThat(Gil.python3(Duration.ofMillis(1))).isEqualTo(Gil.python3(Duration.ofMillis(1)));
        assertThat(RunOptions.of(Strategy.THREAD).gil()).isEqualTo(Gil.off());
        assertThatThrownBy(() -> Gil.python3(Duration.ZERO)).hasMessage("switchInterval: PT0S (expected: > 0)");
        assertThatThrownBy(() -> Gil.python2(0)).hasMessage("checkInterval: 0 (expected: > 0)");
        assertThatThrownBy(() -> RunOptions.of(Strategy.THREAD).gil(null)).hasMessage("gil is null");
    }

    /** Task code never runs in two tasks at once, and every task still finishes. */
    @ParameterizedTest
    @MethodSource("strategiesAndLocks")
    void taskCodeRunsOneTaskAtATime(Strategy strategy, Gil gil) {
        AtomicInteger inCode = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        List<Task<Long>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            tasks.add(ctx -> {
                long sum = 0;
                for (int i = 0; i < 2_000; i++) {
                    if (inCode.incrementAndGet() > 1) overlapped.set(true);
                    for (int k = 0; k < 200; k++) sum += k ^ i;
                    inCode.decrementAndGet();
                    ctx.checkpoint();
                    if (i % 500 == 0) ctx.sleep(Duration.ofMillis(1));
                }
                return sum;
            });
        }
        Results<Long> results = Concurrency.run(tasks, RunOptions.of(strategy).gil(gil).maxConcurrency(4));
        assertThat(results.allSucceeded()).isTrue();
        assertThat(overlapped).isFalse();
        GilStats stats = results.stats().gil();
        assertThat(stats.acquisitions()).isGreaterThanOrEqualTo(4 * 5);
        assertThat(results.stats().tasks()).allSatisfy(t -> assertThat(t.gil().acquisitions()).isPositive());
        assertThat(results.stats().toString()).contains("GIL");
    }

    /** A wait releases the lock: a task awaiting what another task's code completes does not deadlock. */
    @ParameterizedTest
    @MethodSource("strategiesAndLocks")
    void waitsReleaseTheLock(Strategy strategy, Gil gil) {
        CompletableFuture<String> fromSecond = new CompletableFuture<>();
        List<Task<String>> tasks = List.of(
                ctx -> ctx.await(fromSecond) + " received",
                ctx -> {
                    fromSecond.complete("sent");
                    return "second";
                });
        Results<String> results = Concurrency.run(tasks, RunOptions.of(strategy).gil(gil));
        assertThat(results.values()).containsExactly("sent received", "second");
    }

    /** python3 hands the lock over: a spinning holder lets a waiter in within its checkpoints. */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"THREAD", "VIRTUAL_THREAD"})
    void python3DoesNotStarveAWaiter(Strategy strategy) {
        AtomicBoolean released = new AtomicBoolean();
        CompletableFuture<Void> spinning = new CompletableFuture<>();
        List<Task<Long>> tasks = List.of(
                ctx -> {
                    spinning.complete(null);
                    long checkpoints = 0;
                    while (!released.get()) {
                        ctx.checkpoint();
                        checkpoints++;
                    }
                    return checkpoints;
                },
                ctx -> {
                    ctx.await(spinning);
                    released.set(true);
                    return 0L;
                });
        Results<Long> results = Concurrency.run(tasks, RunOptions.of(strategy).gil(Gil.python3(Duration.ofMillis(1))));
        assertThat(results.allSucceeded()).isTrue();
        assertThat(results.stats().gil().forcedDrops()).isPositive();
        assertThat(results.stats().gil().switches()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"THREAD", "VIRTUAL_THREAD", "EVENT_LOOP"})
    void withoutAGilNothingIsCounted(Strategy strategy) {
        Results<Integer> results = Concurrency.run(List.<Task<Integer>>of(ctx -> { ctx.checkpoint(); return 1; }), strategy);
        assertThat(results.stats().gil()).isEqualTo(GilStats.NONE);
        assertThat(results.stats().toString()).doesNotContain("GIL");
    }

    @Test
    void callbackTasksHoldTheLockInTheirCallbacks() {
        AtomicInteger inCode = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        List<AsyncTask<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            tasks.add(ctx -> ctx.sleep(Duration.ofMillis(1)).thenApply(v -> {
                if (inCode.incrementAndGet() > 1) overlapped.set(true);
                inCode.decrementAndGet();
                return 1;
            }));
        }
        Results<Integer> results = Concurrency.run(tasks, RunOptions.of(Strategy.CALLBACK).loops(2).gil(Gil.python3()));
        assertThat(results.values()).containsExactly(1, 1, 1, 1);
        assertThat(overlapped).isFalse();
        assertThat(results.stats().gil().acquisitions()).isGreaterThanOrEqualTo(8);
    }
}
