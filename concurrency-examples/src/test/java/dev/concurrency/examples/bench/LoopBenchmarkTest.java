package dev.concurrency.examples.bench;

import static dev.concurrency.examples.bench.TableText.row;
import static dev.concurrency.examples.bench.TableText.section;
import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(300)
class LoopBenchmarkTest {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LoopBenchmark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickRunPrintsEveryRowWithPositiveFigures() {
        int status = run("--quick", "--tasks", "1000", "--connections", "10", "--round-trips", "5",
                "--switches", "2000");

        assertThat(status).as("exit status; stdout:%n%s%nstderr:%n%s", out(), err()).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).startsWith("machine: " + Runtime.getRuntime().availableProcessors() + " cores");
        assertThat(out()).contains("EVENT_LOOP coroutines: virtual threads scheduled by the loop")
                .doesNotContain("failed");

        List<String> sleepers = section(lines, "sleepers: 1,000 tasks each sleeping 200 ms");
        for (SleepersBenchmark.Variant variant : SleepersBenchmark.variants()) {
            assertPositiveRow(sleepers, variant.label(), 5);
        }
        List<String> sleeperTargets = section(lines, "sleepers: targets");
        assertTarget(sleeperTargets, "EVENT_LOOP wall time");
        assertTarget(sleeperTargets, "EVENT_LOOP heap per task");

        List<String> echo = section(lines, "echo: 10 connections x 5 round trips of a 64-byte line");
        for (String label : EchoBenchmark.labels()) {
            assertPositiveRow(echo, label, 4);
        }
        assertThat(row(echo, EchoBenchmark.PLAIN)).endsWith(" 1.00");
        List<String> echoTargets = section(lines, "echo: targets");
        assertTarget(echoTargets, EchoBenchmark.CALLBACK + " / " + EchoBenchmark.PLAIN);
        assertTarget(echoTargets, EchoBenchmark.EL1 + " / " + EchoBenchmark.VT);
        assertTarget(echoTargets, EchoBenchmark.EL2 + " / " + EchoBenchmark.VT);

        List<String> switches = section(lines, "switch: suspend + resume of one task; 2,000 switches per run");
        for (SwitchBenchmark.Row row : SwitchBenchmark.rows()) {
            assertPositiveRow(switches, row.label(), 3);
        }

        assertThat(err()).contains("sleepers: warm-up", "echo: pass 1/1", "switch: run 1/1");
    }

    @Test
    void runsOnlyTheNamedMeasurement() {
        int status = run("switch", "--quick", "--switches", "100");

        assertThat(status).as("stderr:%n%s", err()).isZero();
        assertThat(out()).contains("switch: suspend + resume").doesNotContain("sleepers:", "echo:");
    }

    @Test
    void badArgumentsPrintUsageAndExit2() {
        assertThat(run("--tasks", "0")).isEqualTo(2);
        assertThat(err()).contains("--tasks: 0 (expected: > 0)", "usage: LoopBenchmark");
        assertThat(run("sleep")).isEqualTo(2);
        assertThat(err()).contains("measurement: 'sleep' (expected: one of sleepers, echo, switch, all)");
        assertThat(run("--passes")).isEqualTo(2);
        assertThat(err()).contains("--passes: missing value");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("usage: LoopBenchmark");
    }

    @Test
    void explicitSizesWinOverQuickWhateverTheOrder() {
        BenchOptions options = BenchOptions.parse(new String[] {"--tasks", "7", "--quick", "echo"});

        assertThat(options.tasks()).isEqualTo(7);
        assertThat(options.connections()).isEqualTo(20);
        assertThat(options.measurements()).containsExactly("echo");
        assertThat(BenchOptions.parse(new String[0]).tasks()).isEqualTo(100_000);
        assertThat(BenchOptions.parse(new String[0]).measurements()).containsExactly("sleepers", "echo", "switch");
    }

    @Test
    void tableAlignsColumnsAndTakesMedians() {
        String text = new Table("t", "name", "n").row("a", "1").row("long name", "1,000").note("x", "failed: why").format();

        assertThat(text).isEqualTo("""
                t
                name           n
                a              1
                long name  1,000
                x          failed: why
                """);
        assertThat(Figures.median(3, 1, 2)).isEqualTo(2);
        assertThat(Figures.median(4, 1, 2, 3)).isEqualTo(2.5);
    }

    /** The row exists and its first {@code figures} numbers after the label are all > 0. */
    private static void assertPositiveRow(List<String> lines, String label, int figures) {
        String row = row(lines, label);
        Matcher m = NUMBER.matcher(row.substring(label.length()));
        int seen = 0;
        while (m.find() && seen < figures) {
            assertThat(Double.parseDouble(m.group().replace(",", ""))).as("%s in row: %s", m.group(), row).isPositive();
            seen++;
        }
        assertThat(seen).as("figures in row: %s", row).isEqualTo(figures);
    }

    private static void assertTarget(List<String> lines, String label) {
        assertThat(row(lines, label)).matches(Pattern.quote(label) + " +[0-9.,]+( [sB])? +[<>=]+ [0-9.,]+( [sB])? +(PASS|MISS)");
    }
}
