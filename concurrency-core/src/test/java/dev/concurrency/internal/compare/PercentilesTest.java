package dev.concurrency.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

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
