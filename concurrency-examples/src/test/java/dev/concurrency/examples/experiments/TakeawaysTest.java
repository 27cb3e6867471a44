package dev.concurrency.examples.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.ComparisonRow;
import dev.concurrency.Gil;
import dev.concurrency.Stats;
import dev.concurrency.Strategy;
import dev.concurrency.TaskTiming;
import dev.concurrency.examples.text.Table;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TakeawaysTest {

    private static final Gil PYTHON3 = Gil.python3();

    /** A row that ran, from known figures. */
    private static Measured row(String label, Strategy strategy, Gil gil, double wallSeconds, int tasks,
                                double allocated) {
        Duration wall = Duration.ofNanos((long) (wallSeconds * 1e9));
        Stats stats = new Stats(wall, wall, Collections.nCopies(tasks, new TaskTiming(Duration.ZERO, Duration.ZERO, wall)),
                1);
        ComparisonRow row = new ComparisonRow(label, strategy, gil, Optional.of(stats),
                new ComparisonRow.Memory(0, 0, OptionalLong.empty(), OptionalLong.empty()), 0, Optional.empty(),
                Optional.empty(), wall, wall);
        return new Measured(row, allocated);
    }

    private static Measured row(String label, Strategy strategy, Gil gil, double wallSeconds) {
        return row(label, strategy, gil, wallSeconds, 2, 100);
    }

    @Test
    void cpuComparesThreadsAndProcessesWithAndWithoutTheLock() {
        List<Measured> rows = List.of(
                row("sequential, no GIL", Strategy.THREAD, Gil.off(), 2.0),
                row("PROCESS, no GIL", Strategy.PROCESS, Gil.off(), 1.25),
                row("THREAD, no GIL", Strategy.THREAD, Gil.off(), 1.0),
                row("sequential, python3", Strategy.THREAD, PYTHON3, 2.1),
                row("PROCESS, python3", Strategy.PROCESS, PYTHON3, 1.3),
                row("THREAD, python3", Strategy.THREAD, PYTHON3, 1.9));

        assertThat(Takeaways.cpu(rows, 2)).isEqualTo("with a GIL, 2 threads take 1.9x as long as without;"
                + " 2 processes take 1.0x; with a GIL, PROCESS takes 0.68x the wall time of THREAD, worker start-up"
                + " included");
    }

    @Test
    void cpuWithoutThreadOrProcessRowsNamesTheFastestAndSlowest() {
        List<Measured> rows = List.of(row("sequential, no GIL", Strategy.THREAD, Gil.off(), 2.0),
                row("EVENT_LOOP, no GIL", Strategy.EVENT_LOOP, Gil.off(), 2.5));

        assertThat(Takeaways.cpu(rows, 2))
                .isEqualTo("fastest: sequential, no GIL (2.000 s); slowest: EVENT_LOOP, no GIL (2.500 s)");
    }

    @Test
    void ioSaysHowMuchSoonerThanOneAtATime() {
        List<Measured> rows = List.of(
                row("sequential, no GIL", Strategy.THREAD, Gil.off(), 2.4),
                row("PROCESS, no GIL", Strategy.PROCESS, Gil.off(), 2.0),
                row("THREAD, no GIL", Strategy.THREAD, Gil.off(), 0.1),
                row("VIRTUAL_THREAD, no GIL", Strategy.VIRTUAL_THREAD, Gil.off(), 0.06),
                row("THREAD, python3", Strategy.THREAD, PYTHON3, 0.11));

        assertThat(Takeaways.io(rows)).isEqualTo("waiting together, the requests end 1.2x (PROCESS) to 40x"
                + " (VIRTUAL_THREAD) sooner than one at a time; with a GIL, THREAD takes 1.1x as long, as every socket"
                + " wait releases the lock");
    }

    @Test
    void manyGivesTheRangeAtTheLargestSize() {
        List<Measured> rows = List.of(
                row("THREAD", Strategy.THREAD, Gil.off(), 9.0, 10, 50),
                row("THREAD", Strategy.THREAD, Gil.off(), 26.0, 100, 6_144),
                row("CALLBACK", Strategy.CALLBACK, Gil.off(), 1.16, 100, 640),
                Measured.notRun(ComparisonRow.notRun("PROCESS", Strategy.PROCESS, Gil.off(), "capped")));

        assertThat(Takeaways.many(rows, 100)).isEqualTo("at 100 tasks at once, wall time runs from 1.16 s (CALLBACK)"
                + " to 26.00 s (THREAD) and allocation per task from 640 B (CALLBACK) to 6.0 KiB (THREAD)");
        assertThat(Takeaways.many(rows, 1_000)).isEqualTo("no strategy ran 1,000 tasks at once");
    }

    @Test
    void convoySaysWhatShareOfRoundTripsTheServerKeeps() {
        assertThat(Takeaways.convoy("python3 5 ms", 4_800, 3_650, 7_300, 2_130, 14_100))
                .isEqualTo("beside a CPU-bound task the echo server keeps 0.76x of its round trips without a GIL"
                        + " and 0.29x with python3 (python3 5 ms); with the CPU task in a worker process, 1.9x");
        assertThat(Takeaways.convoy("python3 5 ms", 4_800, 3_650, 7_300, 2_130, Double.NaN))
                .doesNotContain("worker process");
    }

    @Test
    void tablesOfRowsFitTheTerminalAndKeepEveryColumnForTheReport() {
        List<Measured> rows = List.of(
                row("sequential, python3, switch 5 ms", Strategy.THREAD, PYTHON3, 2.0),
                row("VIRTUAL_THREAD, python3, switch 5 ms", Strategy.VIRTUAL_THREAD, PYTHON3, 12_345.678, 2,
                        1e12),
                Measured.notRun(ComparisonRow.notRun("CALLBACK, no GIL", Strategy.CALLBACK, Gil.off(),
                        "a reason long enough to run past the edge of any terminal: ".repeat(4))));

        Table table = RowTables.gil("a title ".repeat(30), rows).takeaway(Takeaways.cpu(rows, 2));

        assertThat(table.format().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
        assertThat(table.format()).contains("\nVIRTUAL_THREAD, python3, switch 5 ms  12345.678 ", "\n=> fastest: ");
        assertThat(table.toHtml()).contains("<th>first failure</th>", "<th>peak RSS (MiB)</th>",
                "colspan=\"14\"");
    }
}
