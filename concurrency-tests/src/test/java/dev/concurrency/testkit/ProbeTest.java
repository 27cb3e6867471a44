package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Probe}'s Javadoc example, as written there. */
@Timeout(60)
class ProbeTest {

    @Test
    void javadocExampleRuns() {
        List<TaskSpec> mix = List.of(new TaskSpec.Sleep(5), new TaskSpec.Sleep(5), new TaskSpec.Sleep(5),
                new TaskSpec.Compute(15));
        Strategy strategy = Strategy.VIRTUAL_THREAD;
        // From here to the end of the try block: the example in Probe's Javadoc.
        try (Probe probe = new Probe(mix.size())) {
            Concurrency.run(TaskSpecs.toTasks(mix, probe), RunOptions.of(strategy).maxConcurrency(2).listener(probe.listener()));
            if (probe.maxInFlight() > 2) throw new AssertionError("at once: " + probe.maxInFlight());
            // Not in the example: the probe saw every task.
            assertThat(probe.maxInFlight()).isBetween(1, 2);
            assertThat(probe.inFlight()).isZero();
            assertThat(List.of(probe.runs(0), probe.runs(1), probe.runs(2), probe.runs(3))).containsOnly(1);
        }
    }
}
