package dev.concurrency.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.ComparisonRow;
import dev.concurrency.Gil;
import dev.concurrency.Stats;
import dev.concurrency.Strategy;
import dev.concurrency.TaskTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nearest-rank percentiles, and the ones {@link Rows#measured} gives a run's row. */
@Timeout(10)
class PercentilesTest {

    private static final ComparisonRow.Memory MEMORY = new ComparisonRow.Memory(
            10_000_000, 12_000_000, OptionalLong.empty(), OptionalLong.empty());

    /** The row of a run of tasks all queued at 0 that end at the given milliseconds. */
    private static ComparisonRow measured(long... endedMillis) {
        List<TaskTiming> timings = new ArrayList<>();
        for (long ms : endedMillis) {
            timings.add(new TaskTiming(Duration.ZERO, Duration.ZERO, Duration.ofMillis(ms)));
        }
        return measured(new Stats(Duration.ofSeconds(1), Duration.ZERO, timings, 1));
    }

    private static ComparisonRow measured(Stats stats) {
        return Rows.measured("THREAD", Strategy.THREAD, Gil.off(), stats, MEMORY, 0, null);
    }

    @Test
    void aRunsPercentilesAreNearestRankOverEveryTask() {
        ComparisonRow hundred = measured(IntStream.rangeClosed(1, 100).mapToLong(i -> 101 - i).toArray()); // unsorted
        assertThat(hundred.latencyP50()).isEqualTo(Duration.ofMillis(50));
        assertThat(hundred.latencyP99()).isEqualTo(Duration.ofMillis(99));

        ComparisonRow ten = measured(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(ten.latencyP50()).isEqualTo(Duration.ofMillis(5));   // rank ceil(5.0) = 5
        assertThat(ten.latencyP99()).isEqualTo(Duration.ofMillis(10));  // rank ceil(9.9) = 10

        ComparisonRow one = measured(42);
        assertThat(one.latencyP50()).isEqualTo(one.latencyP99()).isEqualTo(Duration.ofMillis(42));

        ComparisonRow none = measured();
        assertThat(none.latencyP50()).isEqualTo(none.latencyP99()).isZero();
    }

    @Test
    void latencyCountsFromQueuedToEnded() {
        ComparisonRow r = measured(new Stats(Duration.ofSeconds(1), Duration.ZERO, List.of(
                new TaskTiming(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(700)),
                new TaskTiming(Duration.ofMillis(200), null, Duration.ofMillis(250))), 1));
        assertThat(r.latencyP50()).isEqualTo(Duration.ofMillis(50));
        assertThat(r.latencyP99()).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void aMeasuredRowKeepsTheRunsFiguresAndChecksTheFailures() {
        Stats stats = new Stats(Duration.ofSeconds(1), Duration.ZERO, List.of(), 1);
        ComparisonRow r = Rows.measured("x", Strategy.EVENT_LOOP, Gil.python3(), stats, MEMORY, 1, "boom");
        assertThat(r.stats()).containsSame(stats);
        assertThat(r.memory()).isSameAs(MEMORY);
        assertThat(r.failures()).isEqualTo(1);
        assertThat(r.firstFailure()).hasValue("boom");
        assertThat(r.notRunReason()).isEmpty();
        assertThatThrownBy(() -> Rows.measured("x", Strategy.THREAD, Gil.off(), stats, MEMORY, 2, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("failures: 2 with firstFailure null (expected: ");
        assertThatThrownBy(() -> Rows.measured("x", Strategy.THREAD, Gil.off(), null, MEMORY, 0, null))
                .isInstanceOf(NullPointerException.class).hasMessage("stats is null");
    }

    @Test
    void nearestRankIsAlwaysOneOfTheValues() {
        long[] sorted = {10, 20, 30, 40};
        assertThat(Percentiles.nearestRank(sorted, 25)).isEqualTo(10);
        assertThat(Percentiles.nearestRank(sorted, 26)).isEqualTo(20);
        assertThat(Percentiles.nearestRank(sorted, 50)).isEqualTo(20);
        assertThat(Percentiles.nearestRank(sorted, 99)).isEqualTo(40);
        assertThat(Percentiles.nearestRank(sorted, 100)).isEqualTo(40);
        assertThat(Percentiles.nearestRank(sorted, 0.1)).isEqualTo(10);
        assertThat(Percentiles.nearestRank(new long[0], 50)).isZero();
    }

    @Test
    void rejectsPercentilesOutOfRange() {
        assertThatThrownBy(() -> Percentiles.nearestRank(new long[] {1}, 0))
                .hasMessage("p: 0.0 (expected: > 0 and <= 100)");
        assertThatThrownBy(() -> Percentiles.nearestRank(new long[] {1}, 100.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsResidentSetSizes() {
        assertThat(dev.concurrency.internal.ResidentMemory.parseKilobytes("\t  123456 kB")).isEqualTo(123456L * 1024);
        assertThat(dev.concurrency.internal.ResidentMemory.parseKilobytes(" 12 MB")).isEqualTo(-1);
        assertThat(dev.concurrency.internal.ResidentMemory.parseKilobytes("x kB")).isEqualTo(-1);
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/status"))) {
            assertThat(MemorySampler.residentBytes()).isPositive();
        }
    }
}
