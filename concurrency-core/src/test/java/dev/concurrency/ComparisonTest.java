package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The arithmetic and formats of {@link Comparison} on rows built from known
 * values; nothing runs. The percentiles a run's rows get are computed in
 * {@code internal.compare} (see {@code PercentilesTest}).
 */
@Timeout(10)
class ComparisonTest {

    private static final ComparisonRow.Memory MEMORY = new ComparisonRow.Memory(
            10_000_000, 12_000_000, OptionalLong.of(50 * 1024 * 1024), OptionalLong.of(60 * 1024 * 1024));
    private static final ComparisonRow.Memory NO_RESIDENT = new ComparisonRow.Memory(
            10_000_000, 9_000_000, OptionalLong.empty(), OptionalLong.empty());

    /** Tasks all queued at 0 that end at the given milliseconds. */
    private static Stats stats(Duration wall, long... endedMillis) {
        List<TaskTiming> timings = new ArrayList<>();
        for (long ms : endedMillis) {
            timings.add(new TaskTiming(Duration.ZERO, Duration.ZERO, Duration.ofMillis(ms)));
        }
        return new Stats(wall, Duration.ofMillis(300), timings, 7);
    }

    /** A row that ran, with the given latency percentiles in milliseconds. */
    private static ComparisonRow ran(String label, Strategy strategy, Gil gil, Stats stats, ComparisonRow.Memory memory,
                                     int failures, String firstFailure, long p50Millis, long p99Millis) {
        return new ComparisonRow(label, strategy, gil, Optional.of(stats), memory, failures,
                Optional.ofNullable(firstFailure), Optional.empty(), Duration.ofMillis(p50Millis),
                Duration.ofMillis(p99Millis));
    }

    /** A THREAD row without a GIL or failures. */
    private static ComparisonRow row(Stats stats, long p50Millis, long p99Millis) {
        return ran("THREAD", Strategy.THREAD, Gil.off(), stats, MEMORY, 0, null, p50Millis, p99Millis);
    }

    @Test
    void aRowBuiltFromValuesReturnsExactlyThoseValues() {
        Stats stats = stats(Duration.ofSeconds(3), 10, 20);
        ComparisonRow r = new ComparisonRow("label", Strategy.EVENT_LOOP, Gil.python3(), Optional.of(stats), MEMORY,
                1, Optional.of("tasks[0] failed"), Optional.empty(), Duration.ofMillis(7), Duration.ofMillis(9));

        assertThat(r.label()).isEqualTo("label");
        assertThat(r.strategy()).isEqualTo(Strategy.EVENT_LOOP);
        assertThat(r.gil()).isEqualTo(Gil.python3());
        assertThat(r.stats()).containsSame(stats);
        assertThat(r.memory()).isSameAs(MEMORY);
        assertThat(r.failures()).isEqualTo(1);
        assertThat(r.firstFailure()).hasValue("tasks[0] failed");
        assertThat(r.notRunReason()).isEmpty();
        assertThat(r.ran()).isTrue();
        assertThat(r.latencyP50()).isEqualTo(Duration.ofMillis(7)); // as given, not computed from the tasks
        assertThat(r.latencyP99()).isEqualTo(Duration.ofMillis(9));
        assertThat(r.tasks()).isEqualTo(2);
        assertThat(r.wallTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(r.cpuTime()).isEqualTo(Duration.ofMillis(300));
        assertThat(r.peakThreads()).isEqualTo(7);

        ComparisonRow relabelled = r.withLabel("other");
        assertThat(relabelled.label()).isEqualTo("other");
        assertThat(relabelled.withLabel("label")).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(ComparisonRow.notRun("x", Strategy.PROCESS, Gil.off(), "why"))
                .isEqualTo(new ComparisonRow("x", Strategy.PROCESS, Gil.off(), Optional.empty(), null, 0,
                        Optional.empty(), Optional.of("why"), null, null));
    }

    @Test
    void rejectsRowsWhoseValuesDoNotFit() {
        Optional<Stats> stats = Optional.of(stats(Duration.ZERO, 1));
        Duration ms = Duration.ofMillis(1);
        assertThatThrownBy(() -> new ComparisonRow("x", Strategy.THREAD, Gil.off(), stats, null, 0,
                Optional.empty(), Optional.empty(), ms, ms))
                .isInstanceOf(NullPointerException.class).hasMessage("memory is null");
        assertThatThrownBy(() -> new ComparisonRow("x", Strategy.THREAD, Gil.off(), stats, MEMORY, 0,
                Optional.empty(), Optional.empty(), ms, null))
                .isInstanceOf(NullPointerException.class).hasMessage("latencyP99 is null");
        assertThatThrownBy(() -> new ComparisonRow("x", Strategy.THREAD, Gil.off(), stats, MEMORY, 0,
                Optional.empty(), Optional.empty(), Duration.ofMillis(2), ms))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencyP50: PT0.002S, latencyP99: PT0.001S (expected: 0 <= latencyP50 <= latencyP99)");
        assertThatThrownBy(() -> new ComparisonRow("x", Strategy.THREAD, Gil.off(), Optional.empty(), MEMORY, 0,
                Optional.empty(), Optional.empty(), ms, ms))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x has neither stats nor a reason why it did not run");
        assertThatThrownBy(() -> new ComparisonRow("x", Strategy.THREAD, Gil.off(), stats, null, 0,
                Optional.empty(), Optional.of("no"), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x did not run (no) (expected: no stats, memory, failures or latencies)");
        assertThatThrownBy(() -> ComparisonRow.notRun(null, Strategy.THREAD, Gil.off(), "no"))
                .isInstanceOf(NullPointerException.class).hasMessage("label is null");
    }

    @Test
    void workerProcessesCountInThePeakResidentSet() {
        long mib = 1L << 20;
        ComparisonRow.Memory parent = new ComparisonRow.Memory(0, 0, OptionalLong.of(100 * mib), OptionalLong.of(120 * mib));
        List<WorkerStats> workers = List.of(
                new WorkerStats(1, 11, Duration.ofMillis(300), 2, OptionalLong.of(40 * mib), OptionalLong.of(50 * mib)),
                new WorkerStats(2, 12, Duration.ofMillis(300), 2, OptionalLong.of(40 * mib), OptionalLong.of(45 * mib)));

        ComparisonRow.Memory all = parent.plusWorkers(workers);

        assertThat(all.peakResident()).hasValue(215 * mib);
        assertThat(all.residentGrowth()).hasValue(115 * mib);
        assertThat(parent.plusWorkers(List.of())).isEqualTo(parent);
    }

    @Test
    void ratesAndMemoryPerTask() {
        ComparisonRow r = row(stats(Duration.ofSeconds(2), 1, 2, 3, 4), 2, 4);
        assertThat(r.tasks()).isEqualTo(4);
        assertThat(r.tasksPerSecond()).isEqualTo(2.0);
        assertThat(r.heapPerTask()).isEqualTo(500_000.0);
        assertThat(r.residentPerTask()).hasValue(10 * 1024 * 1024 / 4.0);
        assertThat(r.gilWait()).isEmpty();

        ComparisonRow shrunk = ran("x", Strategy.THREAD, Gil.off(), stats(Duration.ZERO, 1), NO_RESIDENT, 0, null,
                1, 1);
        assertThat(shrunk.heapPerTask()).isZero();
        assertThat(shrunk.residentPerTask()).isEmpty();
        assertThat(shrunk.tasksPerSecond()).isZero();
    }

    @Test
    void aRowThatDidNotRunHasAReasonAndNoFigures() {
        ComparisonRow r = ComparisonRow.notRun("CALLBACK", Strategy.CALLBACK, Gil.off(), "CALLBACK runs AsyncTask only");
        assertThat(r.ran()).isFalse();
        assertThat(r.notRunReason()).hasValue("CALLBACK runs AsyncTask only");
        assertThat(r.stats()).isEmpty();
        assertThatThrownBy(r::wallTime).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CALLBACK did not run (CALLBACK runs AsyncTask only); check ran() first");
    }

    @Test
    void rejectsFailuresWithoutAReason() {
        assertThatThrownBy(() -> ran("x", Strategy.THREAD, Gil.off(), stats(Duration.ZERO), MEMORY, 2, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("failures: 2 with firstFailure null (expected: ");
        assertThatThrownBy(() -> ran("x", Strategy.THREAD, Gil.off(), stats(Duration.ZERO), MEMORY, -1, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("failures: -1 with firstFailure null (expected: ");
        assertThatThrownBy(() -> Comparison.of(java.util.Arrays.asList(row(stats(Duration.ZERO), 0, 0), null)))
                .isInstanceOf(NullPointerException.class).hasMessage("rows[1] is null");
    }

    @Test
    void tableAlignsFiguresAndShowsWhyARowDidNotRun() {
        Comparison c = Comparison.of(List.of(
                row(stats(Duration.ofMillis(1500), 10, 20, 30), 20, 30),
                ComparisonRow.notRun("CALLBACK", Strategy.CALLBACK, Gil.off(), "CALLBACK runs AsyncTask only")));
        List<String> lines = c.table().lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("label     tasks  wall (s)  cpu (s)  tasks/s  p50 (ms)  p99 (ms)")
                .contains("peak threads", "peak heap (MiB)", "peak RSS (MiB)", "heap/task (B)", "RSS/task (B)",
                        "failures", "first failure")
                .doesNotContain("GIL");
        assertThat(lines.get(1)).startsWith("THREAD        3     1.500    0.300      2.0    20.000    30.000")
                .endsWith("  0  -");
        assertThat(lines.get(2)).isEqualTo("CALLBACK  not run: CALLBACK runs AsyncTask only");
        assertThat(c.toString()).isEqualTo(c.table());
        assertThat(c.row(Strategy.CALLBACK)).hasValueSatisfying(r -> assertThat(r.ran()).isFalse());
        assertThat(c.row(Strategy.EVENT_LOOP)).isEmpty();
    }

    @Test
    void tableShowsGilWaitWhenARowHadAGil() {
        Stats s = new Stats(Duration.ofSeconds(1), Duration.ZERO,
                List.of(new TaskTiming(Duration.ZERO, Duration.ZERO, Duration.ofMillis(5))), 1,
                new GilStats(3, Duration.ofMillis(250), Duration.ofMillis(10), 1, 2));
        Comparison c = Comparison.of(List.of(
                row(stats(Duration.ofSeconds(1), 5), 5, 5),
                ran("THREAD", Strategy.THREAD, Gil.python3(), s, MEMORY, 0, null, 5, 5).withLabel("THREAD, python3")));
        List<String> lines = c.table().lines().toList();

        int column = lines.get(0).indexOf("GIL wait (s)") + "GIL wait (s)".length();
        assertThat(column).isPositive();
        assertThat(lines.get(1).substring(0, column)).endsWith(" -");
        assertThat(lines.get(2)).startsWith("THREAD, python3 ");
        assertThat(lines.get(2).substring(0, column)).endsWith(" 0.250");
        assertThat(c.rows().get(1).gilWait()).hasValue(Duration.ofMillis(250));
    }

    @Test
    void csvHasOneLinePerRowAndQuotesText() {
        Comparison c = Comparison.of(List.of(
                ran("THREAD", Strategy.THREAD, Gil.off(), stats(Duration.ofSeconds(2), 1000, 3000),
                        NO_RESIDENT, 1, "tasks[1] 'a, \"b\"' failed: boom", 1000, 3000),
                ComparisonRow.notRun("CALLBACK", Strategy.CALLBACK, Gil.off(), "no")));
        List<String> lines = c.toCsv().lines().toList();

        assertThat(lines).containsExactly(
                "label,strategy,gil,tasks,wall_s,cpu_s,tasks_per_s,p50_ms,p99_ms,peak_threads,peak_heap_bytes,"
                        + "peak_rss_bytes,heap_per_task_bytes,rss_per_task_bytes,gil_wait_s,failures,first_failure,not_run",
                "THREAD,THREAD,Gil.off(),2,2,0.300000,1,1000,3000,7,9000000,,0,,,1,\"tasks[1] 'a, \"\"b\"\"' failed: boom\",",
                "CALLBACK,CALLBACK,Gil.off(),,,,,,,,,,,,,,,no");
    }

    @Test
    void jsonHasTheSameKeysAndEscapesText() {
        Comparison c = Comparison.of(List.of(
                ran("VIRTUAL_THREAD", Strategy.VIRTUAL_THREAD, Gil.off(),
                        stats(Duration.ofMillis(500), 250), MEMORY, 1, "say \"hi\"\\\n", 250, 250),
                ComparisonRow.notRun("CALLBACK", Strategy.CALLBACK, Gil.off(), "tab\there")));

        assertThat(c.toJson()).isEqualTo("""
                {"rows": [
                  {"label": "VIRTUAL_THREAD", "strategy": "VIRTUAL_THREAD", "gil": "Gil.off()", "tasks": 1, \
                "wall_s": 0.500000, "cpu_s": 0.300000, "tasks_per_s": 2, "p50_ms": 250, "p99_ms": 250, \
                "peak_threads": 7, "peak_heap_bytes": 12000000, "peak_rss_bytes": 62914560, \
                "heap_per_task_bytes": 2000000, "rss_per_task_bytes": 10485760, "gil_wait_s": null, \
                "failures": 1, "first_failure": "say \\"hi\\"\\\\\\n", "not_run": null},
                  {"label": "CALLBACK", "strategy": "CALLBACK", "gil": "Gil.off()", "tasks": null, "wall_s": null, \
                "cpu_s": null, "tasks_per_s": null, "p50_ms": null, "p99_ms": null, "peak_threads": null, \
                "peak_heap_bytes": null, "peak_rss_bytes": null, "heap_per_task_bytes": null, \
                "rss_per_task_bytes": null, "gil_wait_s": null, "failures": null, "first_failure": null, \
                "not_run": "tab\\there"}
                ]}
                """);
        assertThat(Comparison.of(List.of()).toJson()).isEqualTo("{\"rows\": []}\n");
    }
}
