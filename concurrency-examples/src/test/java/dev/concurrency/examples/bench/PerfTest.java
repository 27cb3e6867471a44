package dev.concurrency.examples.bench;

import static dev.concurrency.examples.bench.TableText.row;
import static dev.concurrency.examples.bench.TableText.section;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(120)
class PerfTest {

    /** A figure: a number (grouped or not) or {@code -}. */
    private static final String FIGURE = "(-|-?[0-9][0-9,]*(\\.[0-9]+)?)";
    /** The columns after the label: unit, cold, warm, baseline, ratio, target, verdict. */
    private static final Pattern ROW = Pattern.compile(" +(us/task|ns/switch|s|count|B|us|ms|round trips/s)"
            + " +" + FIGURE + " +" + FIGURE + " +" + FIGURE + " +(-|[0-9]+\\.[0-9]{2}x) +(-|completes|[<>]= [0-9.,]+x?)"
            + " +(PASS|MISS|-)");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Perf.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickTasksSwitchAndWaitersPrintOneTablePerBenchmark() {
        int status = run("waiters", "tasks", "switch", "--quick");

        assertThat(status).as("stdout:%n%s%nstderr:%n%s", out(), err).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).startsWith("machine: ");
        assertThat(out()).doesNotContain("failed");
        assertThat(lines.stream().filter(l -> l.startsWith("what ")).toList()).as(out()).hasSize(3);
        assertThat(out().indexOf("\ntasks: ")).as("benchmarks run in the usage's order").isLessThan(out().indexOf("\nswitch: "));
        assertThat(out().indexOf("\nswitch: ")).isLessThan(out().indexOf("\nwaiters: "));

        List<String> tasks = section(lines, "tasks: us per empty task, a batch of 2,000");
        for (String label : List.of("VIRTUAL_THREAD", "EVENT_LOOP", "CALLBACK (AsyncTask)", "THREAD")) {
            String row = measured(tasks, label);
            assertThat(row).contains("<= 1.50x").doesNotContain(" - ");
        }
        // a busy machine can hold a loop past the watchdog's threshold: the count is a figure, not a given
        assertThat(measured(tasks, "watchdog warnings (all rows)"))
                .matches(".* count +[0-9,]+ +[0-9,]+ +- +- +<= 0 +(PASS|MISS)");
        assertThat(measured(section(lines, "switch: "), "EVENT_LOOP ctx.sleep(ZERO)")).contains("<= 2.00x");
        assertThat(measured(section(lines, "waiters: 200 tasks"), "THREAD ctx.sleep")).contains("<= 1.20x");
    }

    @Test
    void sleepersAndEchoChildrenReportTheirFigures() throws Exception {
        PrintStream progress = new PrintStream(err, true, StandardCharsets.UTF_8);
        // long enough a sleep that the sample's GCs end before any task wakes, even on a busy machine
        Map<String, Double> memory = PerfChild.run(new String[] {"memory", "0", "200", "1000"}, progress);
        assertThat(memory).containsKeys("cold", "rss", "heap").containsEntry("fast", 1.0);
        assertThat(memory.get("cold")).isPositive();
        assertThat(memory.get("woken")).as("gated: every task sleeps before any wakes").isZero();

        Map<String, Double> callback = PerfChild.run(new String[] {"sleepers", "1", "200", "100", "1"}, progress);
        assertThat(callback.get("cold")).isPositive();
        assertThat(callback.get("warm")).isPositive();

        Map<String, Double> bare = PerfSleepers.childRun(PerfSleepers.ROWS.size() - 1, 200, 100, 0, progress);
        assertThat(bare.get("cold")).isPositive();
        assertThat(bare.get("warm")).isNaN();

        Map<String, Double> echo = PerfChild.run(new String[] {"echo", "5", "3", "1"}, progress);
        assertThat(echo.get("warm")).isPositive();
    }

    @Test
    void childResultLineRoundTrips() {
        String line = ChildJvm.format(new java.util.LinkedHashMap<>(Map.of("value", 1.5)));

        assertThat(line).isEqualTo("perf-result value=1.5");
        assertThat(ChildJvm.parse("progress\n" + line + "\n")).contains(Map.of("value", 1.5));
        assertThat(ChildJvm.parse("perf-result a=NaN b=2.0")).hasValueSatisfying(m -> assertThat(m.get("a")).isNaN());
        assertThat(ChildJvm.parse("no result")).isEmpty();
    }

    @Test
    void childFlagsOpenJavaLangOnlyForTheFastPath() {
        assertThat(ChildJvm.flags(true)).contains(dev.concurrency.examples.cli.Jvm.OPEN_JAVA_LANG);
        assertThat(ChildJvm.flags(false)).noneMatch(dev.concurrency.examples.cli.Jvm::opensJavaLang);
    }

    @Test
    void countsTheWatchdogsWarningsOnly() {
        int counted;
        try (WatchdogWarnings warnings = WatchdogWarnings.count()) {
            LoggerFactory.getLogger(WatchdogWarnings.LOGGER).warn("EVENT_LOOP: task-1 has kept loop-0 for 700 ms "
                    + "without giving it back; test line, not a real warning");
            LoggerFactory.getLogger(PerfTest.class).warn("another warning " + WatchdogWarnings.MESSAGE);
            counted = warnings.warnings();
        }
        assertThat(counted).isEqualTo(1);
    }

    @Test
    void verdictsJudgeTheRatioOrBothFigures() {
        PerfTable.Target atMost = PerfTable.Target.ratioAtMost(1.5);
        assertThat(atMost.verdict(9, 1.4, 1.4)).isEqualTo("PASS");
        assertThat(atMost.verdict(1, 2, 2)).isEqualTo("MISS");
        assertThat(PerfTable.Target.ratioAtLeast(0.9).verdict(Double.NaN, 1, 0.8)).isEqualTo("MISS");
        assertThat(PerfTable.Target.atMost(0).verdict(1, 0, Double.NaN)).isEqualTo("MISS");
        assertThat(PerfTable.Target.atMost(700).verdict(650, Double.NaN, Double.NaN)).isEqualTo("PASS");
        assertThat(PerfTable.Target.COMPLETED.verdict(12.5, Double.NaN, Double.NaN)).isEqualTo("PASS");
        assertThat(PerfTable.Target.NONE.verdict(1, 1, 1)).isEqualTo("-");

        PerfTable table = new PerfTable("t").row("a", "s", 2, 1, 0.5, PerfTable.Target.ratioAtMost(1.5))
                .failed("b", "why");
        assertThat(table.table().format()).isEqualTo("""
                t
                what  unit  cold  warm  baseline  ratio    target  verdict
                a        s     2     1    0.5000  2.00x  <= 1.50x     MISS
                b     failed: why
                """);
        assertThat(table.misses()).isEqualTo(1);
        assertThat(table.failures()).isEqualTo(1);
    }

    @Test
    void badArgumentsPrintUsageAndExit2() {
        assertThat(run("task")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("benchmark: 'task' (expected: one of tasks, "
                + "sleepers, fallback, echo, switch, process, waiters)", "usage: Perf");
        assertThat(run("--passes", "0")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("usage: Perf").contains("minutes");
        assertThat(PerfOptions.parse().benchmarks()).isEqualTo(PerfOptions.ALL);
        assertThat(PerfOptions.parse("--quick").passes()).isEqualTo(1);
        assertThat(PerfOptions.parse("--passes", "3", "--quick").passes()).isEqualTo(3);
        assertThat(PerfOptions.parse("--quick").millionSleepers()).isZero();
    }

    /** The row labelled {@code label}, checked to have every column. */
    private static String measured(List<String> lines, String label) {
        String row = row(lines, label);
        assertThat(row.substring(label.length())).as(row).matches(ROW);
        return row;
    }
}
