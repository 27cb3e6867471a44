package dev.concurrency.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ServerBenchmarkTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ServerBenchmark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickRunPrintsEveryServerAndTheIdleFigures() {
        int status = run("--quick", "--connections", "4", "--round-ms", "30", "--idle-connections", "10");

        assertThat(status).as("stdout:%n%s%nstderr:%n%s", out(), err).isZero();
        List<String> lines = out().lines().toList();
        for (String label : ServerBenchmark.labels()) {
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(label + "  ")
                    .matches(".*  [0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9.]+ +[0-9.]+ +[0-9.]+"));
        }
        assertThat(out()).contains("echo: 4 connections from a client JVM", "echo: targets",
                "EVENT_LOOP loops(1) / plain selector server", "CALLBACK loops(1) / plain selector server",
                "idle: 10 idle connections held by an EVENT_LOOP loops(1) server", "connected, never sent a line",
                "after one round trip",
                "jdk.internal.vm.StackChunk");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }

    @Test
    void parsesMeasurementsAndSizes() {
        ServerBenchmark.Options quick = ServerBenchmark.of(dev.concurrency.examples.cli.CommandLine.parse(
                new String[] {"idle", "--quick", "--idle-connections", "7"}, ServerBenchmark.FLAGS,
                ServerBenchmark.WITH_VALUE));
        assertThat(quick.measurements()).containsExactly("idle");
        assertThat(quick.idleConnections()).isEqualTo(7);
        assertThat(quick.warmUpRounds()).isZero();
        ServerBenchmark.Options full = ServerBenchmark.of(dev.concurrency.examples.cli.CommandLine.parse(
                new String[0], ServerBenchmark.FLAGS, ServerBenchmark.WITH_VALUE));
        assertThat(full).isEqualTo(new ServerBenchmark.Options(List.of("idle", "echo"), 1_000, 5, 2,
                Duration.ofSeconds(2), 10_000, false));
        assertThat(run("nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("measurement: 'nope' (expected: echo or idle)",
                "usage: ServerBenchmark");
    }
}
