package dev.concurrency.examples.gil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Gil;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(180)
class GilExperimentTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GilExperiment.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void quickRunPrintsEveryTableWithEveryRow() {
        int status = run("--quick");

        assertThat(status).as("exit status; stderr:%n%s", err).isZero();
        List<String> lines = lines();
        assertThat(lines.getFirst()).startsWith("The GIL, measured: ")
                .contains(Runtime.getRuntime().availableProcessors() + " cores");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("failed");

        List<String> cpu = table(lines, CpuBound.TITLE + ": ");
        assertThat(cpu.getFirst()).contains("fib(", "median of 1 run(s)");
        assertRows(cpu, CpuBound.variants().stream().map(Runs.Variant::label).toList(), 9);
        assertThat(row(cpu, CpuBound.SEQUENTIAL)).contains(" 1.000 ");
        assertThat(row(cpu, CpuBound.processLabel())).doesNotContain("not available");

        List<String> io = table(lines, IoBound.TITLE + ": ");
        assertThat(io.getFirst()).contains("10 HTTP requests");
        assertRows(io, IoBound.variants(Duration.ofMillis(50)).stream().map(Runs.Variant::label).toList(), 8);
        assertThat(row(io, IoBound.BASELINE)).contains(" 1.000 ", "+0.0%");

        List<String> convoy = table(lines, Convoy.TITLE + ": ");
        List<String> labels = new ArrayList<>();
        for (Gil gil : Convoy.LOCKS) {
            labels.add(Convoy.label(gil, false));
            labels.add(Convoy.label(gil, true));
        }
        labels.add(Convoy.processLabel());
        assertRows(convoy, labels, 5);
        assertThat(labels).contains("python3, switch 5 ms + CPU task", "python3, switch 0.1 ms, alone");

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("running: cpu", "cpu: calibrating", "convoy: ");
    }

    @Test
    void runsOnlyTheExperimentsNamed() {
        assertThat(run("io", "--quick")).as("stderr:%n%s", err).isZero();

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains(IoBound.TITLE + ": ").doesNotContain(CpuBound.TITLE + ": ", Convoy.TITLE + ": ");
    }

    @Test
    void parsesNamesAndOptions() {
        assertThat(GilExperiment.Arguments.parse(new String[0])).isEqualTo(new GilExperiment.Arguments(
                EnumSet.allOf(GilExperiment.Experiment.class), GilExperiment.Sizes.FULL));
        assertThat(GilExperiment.Arguments.parse(new String[] {"convoy", "cpu", "--quick", "--repeat", "2"}))
                .isEqualTo(new GilExperiment.Arguments(
                        EnumSet.of(GilExperiment.Experiment.CPU, GilExperiment.Experiment.CONVOY),
                        GilExperiment.Sizes.QUICK.withRounds(2)));
        assertThat(GilExperiment.Arguments.parse(new String[] {"all", "io"}).experiments())
                .containsExactly(GilExperiment.Experiment.values());
    }

    @Test
    void printsUsageOnStdoutForHelp() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage:").contains("cpu", "io", "convoy",
                "--quick");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "CPU", "--repeat", "--repeat 0", "--repeat x", "cpu --quick extra", "---quick"})
    void rejectsBadArgumentsWithUsageAndStatus2(String args) {
        assertThat(run(args.split(" "))).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ").contains("usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void tablesAlignFiguresAndShowNotes() {
        String table = new Table(null, "run", "wall (s)", "n")
                .row("a", "1.000", "12")
                .row("longer label", "10.500", "3")
                .note("PROCESS", "not available")
                .format();

        assertThat(table).isEqualTo("""
                run           wall (s)   n
                a                1.000  12
                longer label    10.500   3
                PROCESS       not available
                """);
        assertThat(Figures.millis(Duration.ofNanos(100_000))).isEqualTo("0.1 ms");
        assertThat(Figures.label(Gil.python3(Duration.ofMillis(5)))).isEqualTo("python3, switch 5 ms");
        assertThat(Figures.label(Gil.python2(100))).isEqualTo("python2, check 100");
    }

    /** @return the title line starting with {@code title}, the header and the rows, up to the blank line */
    private static List<String> table(List<String> lines, String title) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(title)) {
                start = i;
            }
        }
        assertThat(start).as("a line starting with '%s' in%n%s", title, String.join("\n", lines)).isNotNegative();
        int header = start;
        while (header < lines.size() && !lines.get(header).startsWith("run ")) {
            header++; // a long title wraps
        }
        int end = header;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        List<String> table = new ArrayList<>(List.of(String.join(" ", lines.subList(start, header))));
        table.addAll(lines.subList(header, end));
        assertThat(table.get(1)).startsWith("run ");
        return table;
    }

    /** Every label has one row of {@code columns} cells, the label's included. */
    private static void assertRows(List<String> table, List<String> labels, int columns) {
        assertThat(table.get(1).trim().split(" {2,}")).hasSize(columns);
        for (String label : labels) {
            String rest = row(table, label).substring(label.length()).trim();
            assertThat(rest.split("\\s+")).as("row '%s'", label).hasSize(columns - 1);
        }
    }

    private static String row(List<String> table, String label) {
        List<String> rows = table.stream().skip(2).filter(l -> l.startsWith(label + "  ")).toList();
        assertThat(rows).as("rows of '%s' in%n%s", label, String.join("\n", table)).hasSize(1);
        return rows.getFirst();
    }
}
