package dev.concurrency.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Strategy;
import dev.concurrency.examples.experiments.Experiment;
import dev.concurrency.examples.experiments.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class MainTest {

    /** Every experiment, as small as it goes; THREAD and PROCESS capped below the larger size of many. */
    private static final List<String> TINY = List.of("--tasks", "2", "--cpu-ms", "5", "--requests", "4",
            "--delay-ms", "1", "--sizes", "10,20", "--wait-ms", "10", "--window-ms", "20", "--cap", "THREAD=15",
            "--cap", "PROCESS=10", "--connections", "2,3", "--serve-ms", "20");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> args) {
        return Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickModeWithTinySizesPrintsEveryTableAndWritesAReportHoldingEveryStrategy() throws Exception {
        Path report = dir.resolve("reports/report.html");
        List<String> args = new java.util.ArrayList<>(TINY);
        args.addAll(List.of("--report", report.toString()));

        int status = run(args);

        assertThat(status).as("exit status; stderr:%n%s", err()).isZero();
        String out = out();
        assertThat(out.lines().findFirst().orElseThrow())
                .startsWith("concurrency: the same tasks under every strategy; experiments cpu, io, many, convoy, serve (quick)");
        assertThat(out).contains("\nCPU-bound: 2 tasks, each fib(", "\nI/O-bound: 4 HTTP requests, server delay 1 ms",
                "\nMany tasks: 10 / 20 tasks at once, each waiting 0.010 s", "THREAD 15",
                "\nConvoy: ", "\nServe: ", "report: " + report.toAbsolutePath());
        for (Strategy strategy : Settings.localStrategies()) {
            assertThat(out).contains("\n" + strategy.name() + ", no GIL ", "\n" + strategy.name() + ", python3, switch 5 ms ");
        }
        assertThat(out).contains("\nsequential, no GIL ", "\nsequential, python3, switch 5 ms ");
        assertThat(out).as("CLUSTER joins the cpu experiment only, on one local cluster")
                .contains("\nCLUSTER, no GIL ", "\nCLUSTER, python3, switch 5 ms ");
        assertThat(out.lines().filter(line -> line.startsWith("CLUSTER, "))).hasSize(2);
        assertThat(out).as("CALLBACK runs the CPU work in its AsyncTask form").doesNotContain("CALLBACK runs AsyncTask only");
        assertThat(out.lines()).anySatisfy(line -> assertThat(line).matches("THREAD +not run: capped: THREAD runs at most"
                + " 15 tasks at once on this machine \\(--cap THREAD=N to change\\)"));
        assertThat(out.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
        assertThat(out.lines().filter(line -> line.startsWith("=> "))).hasSize(5)
                .anySatisfy(line -> assertThat(line).startsWith("=> with a GIL, 2 threads take "));
        assertThat(err()).contains("running: cpu", "running: io", "running: many", "running: convoy", "running: serve",
                "cpu: THREAD, no GIL: ", "many: 20 tasks: VIRTUAL_THREAD: ").doesNotContain(" INFO ");

        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script", "<link", "src=", "href=");
        Document page = Jsoup.parse(html);
        assertThat(page.select("section > h2").eachText()).containsExactly("CPU-bound", "I/O-bound", "Many tasks",
                "Convoy", "Serve");
        assertThat(page.select("section")).allSatisfy(section -> {
            assertThat(section.select("div.table > table")).as(section.text()).hasSize(1);
            assertThat(section.select("p.takeaway")).hasSize(1);
            assertThat(section.select("div.charts > svg")).isNotEmpty();
        });
        assertThat(page.select("svg")).hasSize(1 + 1 + 3 + 1 + 2);
        Elements sections = page.select("section");
        for (int i = 0; i < 3; i++) {
            Element table = sections.get(i).selectFirst("table");
            assertThat(table.select("thead th").eachText()).startsWith(i == 2 ? "run" : "run", i == 2 ? "tasks" : "wall (s)");
            List<String> labels = table.select("tbody th").eachText();
            for (Strategy strategy : Settings.localStrategies()) {
                assertThat(labels).as("section %d", i).anySatisfy(l -> assertThat(l).startsWith(strategy.name()));
            }
            if (i == 0) {
                assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("CLUSTER"));
            } else {
                assertThat(labels).noneSatisfy(l -> assertThat(l).startsWith("CLUSTER"));
            }
            assertThat(sections.get(i).select("details pre").text()).contains("\"strategy\": \"CALLBACK\"");
        }
        assertThat(sections.get(2).select("td.note").eachText())
                .anySatisfy(note -> assertThat(note).startsWith("not run: capped: THREAD runs at most 15 tasks"));
    }

    @Test
    void runsOnlyTheExperimentsAndStrategiesNamed() {
        List<String> args = new java.util.ArrayList<>(List.of("io", "--strategies", "thread,CALLBACK"));
        args.addAll(TINY);
        args.addAll(List.of("--report", dir.resolve("io.html").toString()));

        assertThat(run(args)).as("stderr:%n%s", err()).isZero();

        String out = out();
        assertThat(out).contains("experiments io (quick); strategies [THREAD, CALLBACK]", "I/O-bound: ", "\nTHREAD, no GIL ",
                "\nCALLBACK, python3, switch 5 ms ").doesNotContain("CPU-bound", "Many tasks", "Convoy", "Serve:", "VIRTUAL_THREAD",
                "EVENT_LOOP", "not run");
        assertThat(dir.resolve("io.html")).exists();
    }

    @Test
    void aReportThatCannotBeWrittenIsAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a folder");
        List<String> args = new java.util.ArrayList<>(List.of("io", "--strategies", "VIRTUAL_THREAD"));
        args.addAll(TINY);
        args.addAll(List.of("--report", file.resolve("report.html").toString()));

        assertThat(run(args)).isEqualTo(1);

        assertThat(out()).contains("I/O-bound: ").doesNotContain("report: ");
        assertThat(err()).contains("error: cannot write the report ");
    }

    @Test
    void printsUsageOnStdoutForHelp() {
        assertThat(run("--help")).isZero();

        assertThat(out()).startsWith("usage:").contains("--full", "--sizes", "--strategies", "--report", "--cap",
                "--connections", "--serve-ms");
    }

    @Test
    void parsesExperimentsSizesAndStrategies() {
        Arguments none = Arguments.parse(new String[0]);
        assertThat(none.experiments()).isEqualTo(EnumSet.allOf(Experiment.class));
        assertThat(none.settings()).isEqualTo(Settings.QUICK);
        assertThat(none.report()).isEqualTo(Arguments.DEFAULT_REPORT.toAbsolutePath());
        assertThat(Arguments.parse(new String[] {"--full"}).settings()).isEqualTo(Settings.FULL);

        Arguments some = Arguments.parse(new String[] {"many", "convoy", "-sizes", "300,20,300", "--strategies",
                "virtual_thread, event_loop", "--cap", "virtual_thread=50", "--wait-ms", "5", "--report", "r.html"});
        assertThat(some.experiments()).containsExactly(Experiment.MANY, Experiment.CONVOY);
        assertThat(some.settings().sizes()).containsExactly(20, 300);
        assertThat(some.settings().strategies()).containsExactly(Strategy.VIRTUAL_THREAD, Strategy.EVENT_LOOP);
        assertThat(some.settings().cap(Strategy.VIRTUAL_THREAD)).hasValue(50);
        assertThat(some.settings().cap(Strategy.THREAD)).hasValue(Settings.QUICK.caps().get("THREAD"));
        assertThat(some.settings().waitTime()).isEqualTo(Duration.ofMillis(5));
        assertThat(some.settings().connections()).isEqualTo(Settings.QUICK.connections());
        Arguments serve = Arguments.parse(new String[] {"serve", "--connections", "100,10,100", "--serve-ms", "50"});
        assertThat(serve.experiments()).containsExactly(Experiment.SERVE);
        assertThat(serve.settings().connections()).containsExactly(10, 100);
        assertThat(serve.settings().serveWindow()).isEqualTo(Duration.ofMillis(50));
        assertThat(Arguments.parse(new String[] {"--full"}).settings().connections()).containsExactly(1_000, 10_000);
        assertThat(some.report()).isEqualTo(Path.of(System.getProperty("user.dir"), "r.html"));
        assertThat(Arguments.parse(new String[] {"cpu", "all"}).experiments()).isEqualTo(EnumSet.allOf(Experiment.class));
    }

    @Test
    void aRelativeReportPathStartsWhereTheUserRanTheProgram() {
        String before = System.getProperty(Main.WORKING_DIRECTORY);
        System.setProperty(Main.WORKING_DIRECTORY, dir.toString());
        try {
            assertThat(Arguments.parse(new String[] {"--report", "out/r.html"}).report())
                    .isEqualTo(dir.resolve("out/r.html"));
            assertThat(Arguments.parse(new String[] {"--report", "/abs/r.html"}).report()).isEqualTo(Path.of("/abs/r.html"));
            assertThat(Arguments.parse(new String[0]).report()).isEqualTo(Arguments.DEFAULT_REPORT.toAbsolutePath());
        } finally {
            if (before == null) {
                System.clearProperty(Main.WORKING_DIRECTORY);
            } else {
                System.setProperty(Main.WORKING_DIRECTORY, before);
            }
        }
    }

    @Test
    void badArgumentsExitWith2AndOneErrorLineWithoutAStackTrace() {
        assertThat(run("--tasks", "x")).isEqualTo(2);

        List<String> lines = err().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("error: --tasks: 'x' (expected: a whole number > 0)");
        assertThat(lines).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
        assertThat(lines.get(1)).startsWith("usage:");
    }

    @Test
    void capsEveryStrategyByNameInOneTable() {
        assertThat(Settings.QUICK.caps()).containsEntry("THREAD", 10_000).containsKey("PROCESS");
        assertThat(Settings.QUICK.caps()).isEqualTo(Settings.FULL.caps());
        assertThat(Settings.QUICK.cap(Strategy.VIRTUAL_THREAD)).isEmpty();
        assertThat(Map.copyOf(Settings.QUICK.caps()).keySet()).allSatisfy(name -> assertThat(name).isUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "--bogus", "--strategies FOO", "--strategies THREAD,THREAD", "--sizes 10,x",
            "--sizes 0", "--connections 10,x", "--serve-ms 0", "--tasks abc", "--tasks 0", "--requests", "--delay-ms -5", "--cap THREAD", "--cap NOPE=5",
            "--cap THREAD=0", "--wait-ms 1.5", "--requests 99999999999", "-x", "---full"})
    void rejectsBadArgumentsWithUsageAndStatus2(String args) {
        assertThat(run(args.split(" "))).isEqualTo(2);

        assertThat(err()).startsWith("error: ").contains("usage:", "--sizes", "--strategies");
        String usage = err();
        for (Experiment e : Experiment.values()) {
            assertThat(usage).contains("  " + e.id() + " ");
        }
        assertThat(usage).contains(String.join(", ", Arrays.stream(Strategy.values()).map(Strategy::name).toList()));
        assertThat(out()).isEmpty();
    }

    @Test
    void namesTheBadValue() {
        assertThat(run("nope")).isEqualTo(2);
        assertThat(err()).startsWith("error: experiment: 'nope' (expected: one of cpu, io, many, convoy, serve, all)\n");
        out.reset();
        err.reset();
        assertThat(run("--sizes", "10,abc")).isEqualTo(2);
        assertThat(err()).startsWith("error: --sizes: 'abc' (expected: a whole number > 0)\n");
        err.reset();
        assertThat(run("--strategies", "THREAD,FIBER")).isEqualTo(2);
        assertThat(err()).startsWith("error: --strategies: 'FIBER' (expected: one of "
                + String.join(", ", Arrays.stream(Strategy.values()).map(Strategy::name).toList()) + ")\n");
    }
}
