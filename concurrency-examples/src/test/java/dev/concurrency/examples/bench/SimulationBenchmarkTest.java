package dev.concurrency.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SimulationBenchmarkTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulationBenchmark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aSmallRunPrintsEveryRowWithItsRatioAndTheSeedsPerSecond() {
        int status = run("--passes", "1", "--switches", "5", "--seeds", "3");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as("stdout:%n%s%nstderr:%n%s", printed, err).isZero();
        assertThat(printed.lines()).anySatisfy(l -> assertThat(l).matches("EVENT_LOOP simulated +[0-9]+ +[0-9]+ +"
                + "[0-9.]+ +<= 2\\.00 +(PASS|MISS)"));
        assertThat(printed.lines()).anySatisfy(l -> assertThat(l).matches("CALLBACK simulated +[0-9]+ +[0-9]+ +"
                + "[0-9.]+ +<= 2\\.00 +(PASS|MISS)"));
        assertThat(printed).contains("suspension: 100 tasks x 5 checkpoints", "seeds explored per second",
                "a 10-task racy set");
    }

    @Test
    void refusesWhatItDoesNotTake() {
        assertThat(run("--passes", "0")).isEqualTo(2);
        assertThat(run("extra")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: SimulationBenchmark");
    }
}
