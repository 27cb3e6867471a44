package dev.concurrency.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.concurrency.Stats;
import dev.concurrency.TaskTiming;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ResultTableTest {

    private static final ResultTable TABLE = new ResultTable("sequential");

    private static ResultTable.Row measured(String strategy, long wallMillis, int tasks, int peakThreads) {
        return new ResultTable.Row.Measured(strategy, Duration.ofMillis(wallMillis), tasks, peakThreads);
    }

    @Test
    void formatsFiguresRatiosAndFailuresInAlignedColumns() {
        String table = TABLE.format(List.of(
                measured("sequential", 10_000, 200, 1),
                measured("THREAD", 250, 200, 200),
                ResultTable.Row.failed("VIRTUAL_THREAD", "failed: 3 of 200 tasks: boom")));

        assertThat(table).isEqualTo("""
                strategy        wall (s)  tasks/s  peak threads  vs sequential
                sequential        10.000     20.0             1          1.000
                THREAD             0.250    800.0           200          0.025
                VIRTUAL_THREAD  failed: 3 of 200 tasks: boom
                """);
    }

    @Test
    void columnsWidenToTheLongestCell() {
        String table = TABLE.format(List.of(
                measured("sequential", 123_456_789, 7, 1),
                measured("A_MUCH_LONGER_STRATEGY_NAME", 3, 1_000_000, 123_456)));

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
        assertThat(lines.get(1)).startsWith("sequential                   123456.789");
        assertThat(lines.get(2)).contains("333333333.3").contains("123456").endsWith("0.000");
    }

    @Test
    void computesTasksPerSecondAndRatio() {
        assertThat(ResultTable.tasksPerSecond(new ResultTable.Row.Measured("x", Duration.ofMillis(400), 100, 1)))
                .isCloseTo(250.0, within(1e-9));
        assertThat(ResultTable.tasksPerSecond(new ResultTable.Row.Measured("x", Duration.ZERO, 100, 1))).isZero();
        assertThat(ResultTable.ratio(Duration.ofMillis(150), Duration.ofSeconds(3))).isCloseTo(0.05, within(1e-12));
        assertThat(ResultTable.ratio(Duration.ofSeconds(6), Duration.ofSeconds(3))).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void takesItsFiguresFromStats() {
        Stats stats = new Stats(Duration.ofMillis(500), Duration.ofMillis(20),
                Collections.nCopies(50, new TaskTiming(Duration.ZERO, Duration.ZERO, Duration.ofMillis(1))), 7);

        assertThat(ResultTable.Row.measured("THREAD", stats))
                .isEqualTo(new ResultTable.Row.Measured("THREAD", Duration.ofMillis(500), 50, 7));
    }

    @Test
    void showsNoRatioWhenTheBaselineFailedOrIsMissing() {
        String failedBaseline = TABLE.format(List.of(
                ResultTable.Row.failed("sequential", "failed: run threw java.lang.IllegalStateException"),
                measured("THREAD", 250, 200, 200)));
        String noBaseline = TABLE.format(List.of(measured("THREAD", 250, 200, 200)));

        assertThat(failedBaseline.lines().toList().get(2)).endsWith("  -");
        assertThat(noBaseline.lines().toList().get(1)).endsWith("  -");
    }

    @Test
    void showsNoRatioAgainstAZeroBaseline() {
        String table = TABLE.format(List.of(measured("sequential", 0, 0, 0), measured("THREAD", 250, 200, 200)));

        assertThat(table.lines().toList().get(1)).isEqualTo("sequential     0.000      0.0             0              -");
    }
}
