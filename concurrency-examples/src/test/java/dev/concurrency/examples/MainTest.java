package dev.concurrency.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneRowForSequentialAndForEveryStrategy() {
        int status = run("--requests", "10", "--delay-ms", "5");

        assertThat(status).as("exit status; stderr:%n%s", err()).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).startsWith("I/O-bound: 10 HTTP requests, server delay 5 ms each; ")
                .contains(Runtime.getRuntime().availableProcessors() + " cores");
        assertThat(lines.get(1)).startsWith("strategy").contains("wall (s)", "tasks/s", "peak threads", "vs sequential");
        assertThat(lines).hasSize(3 + Strategy.values().length);
        assertThat(lines.get(2)).startsWith(Main.SEQUENTIAL + " ").endsWith("1.000");
        for (Strategy strategy : Strategy.values()) {
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(strategy.name() + " "));
        }
        assertThat(out()).doesNotContain("failed");
        assertThat(err()).contains("warm-up: sequential", "run: sequential");
    }

    @Test
    void stopsTheServerWhenDone() {
        assertThat(run("--requests", "3", "--delay-ms", "1")).isZero();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("HTTP-Dispatcher") && t.isAlive());
    }

    @Test
    void printsUsageOnStdoutForHelp() {
        assertThat(run("--help")).isZero();

        assertThat(out()).startsWith("usage:").contains("--requests", "--delay-ms");
    }

    @Test
    void parsesOptionsWithOneOrTwoDashes() {
        assertThat(Main.Arguments.parse(new String[] {"--requests", "7", "-delay-ms", "3"}))
                .isEqualTo(new Main.Arguments(7, 3, false));
        assertThat(Main.Arguments.parse(new String[] {"-requests", "9", "-help"}))
                .isEqualTo(new Main.Arguments(9, Main.DEFAULT_DELAY_MS, true));
        assertThat(Main.Arguments.parse(new String[0]))
                .isEqualTo(new Main.Arguments(Main.DEFAULT_REQUESTS, Main.DEFAULT_DELAY_MS, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--requests abc", "--requests 0", "--delay-ms -5", "--requests",
            "--requests 99999999999", "--delay-ms 1.5", "extra", "-x", "---requests 5"})
    void rejectsBadArgumentsWithUsageAndStatus2(String args) {
        assertThat(run(args.split(" "))).isEqualTo(2);

        assertThat(err()).startsWith("error: ").contains("usage:", "--requests", "--delay-ms", "--help");
        assertThat(out()).isEmpty();
    }

    @Test
    void reportsFailedTasksInTheirRow() throws Exception {
        try (DelayedHttpServer server = DelayedHttpServer.start(Duration.ZERO, 8)) {
            List<HttpRequestTask> tasks = IntStream.range(0, 3)
                    .mapToObj(i -> new HttpRequestTask(server.address(), i == 1 ? DelayedHttpServer.PATH : "/missing"))
                    .toList();

            ResultTable.Row row = Main.measure(new Main.Variant("VIRTUAL_THREAD", RunOptions.of(Strategy.VIRTUAL_THREAD)), tasks);

            assertThat(row).isInstanceOf(ResultTable.Row.Failed.class);
            assertThat(((ResultTable.Row.Failed) row).reason())
                    .startsWith("failed: 2 of 3 tasks: tasks[0] 'GET /missing' failed: ")
                    .contains("status 404");
        }
    }

    @Test
    void reportsARunThatThrowsInItsRow() {
        List<HttpRequestTask> withNull = Arrays.asList(
                new HttpRequestTask(new java.net.InetSocketAddress("127.0.0.1", 9), "/"), null);

        ResultTable.Row row = Main.measure(new Main.Variant("THREAD", RunOptions.of(Strategy.THREAD)), withNull);

        assertThat(row).isEqualTo(ResultTable.Row.failed("THREAD",
                "failed: run threw java.lang.NullPointerException: tasks[1] is null"));
    }
}
