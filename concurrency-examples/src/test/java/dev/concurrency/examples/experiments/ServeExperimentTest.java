package dev.concurrency.examples.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Gil;
import dev.concurrency.Strategy;
import dev.concurrency.examples.load.LoadClient;
import dev.concurrency.examples.report.Section;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ServeExperimentTest {

    private static final List<Strategy> STRATEGIES = List.of(Strategy.THREAD, Strategy.EVENT_LOOP, Strategy.CALLBACK);

    @Test
    void everyStrategyAndLockHasARowWithFiguresOrSaysWhyNot() throws Exception {
        Settings tiny = new Settings(STRATEGIES, 1, Duration.ofMillis(1), 1, Duration.ofMillis(1), List.of(1),
                Duration.ofMillis(1), Settings.QUICK.caps(), Duration.ofMillis(1), Duration.ofMillis(1), List.of(2, 3),
                Duration.ofMillis(10), Duration.ofMillis(30));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Section section = Experiment.SERVE.run(tiny, new PrintStream(err, true, StandardCharsets.UTF_8));

        String text = section.text();
        assertThat(text).startsWith("Serve: ").contains("2 / 3 concurrent connections");
        List<String> lines = text.lines().toList();
        for (int connections : List.of(2, 3)) {
            for (Strategy strategy : List.of(Strategy.THREAD, Strategy.EVENT_LOOP, Strategy.CALLBACK)) {
                for (Gil gil : ServeExperiment.LOCKS) {
                    String label = new ServeRow(strategy, gil, connections, null, 0, 0, 0, null).label();
                    assertThat(lines).as(text).anySatisfy(line -> assertThat(line)
                            .matches(java.util.regex.Pattern.quote(label) + " +" + connections + " +[0-9,]+ .*"));
                }
            }
        }
        assertThat(section.tables().getFirst().takeaway()).startsWith("at 3 connections EVENT_LOOP answers ");
        assertThat(section.charts()).hasSize(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("serve: EVENT_LOOP, no GIL, 3 connections: ");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
                .as("the load generator and the workers are gone").isEmpty();
    }

    @Test
    void theTakeawayComparesTheEventLoopWithThreadsAndTheLocks() {
        List<ServeRow> rows = List.of(
                row(Strategy.THREAD, Gil.off(), 100, 20_000, 101, 40_960),
                row(Strategy.EVENT_LOOP, Gil.off(), 100, 30_000, 2, 2_048),
                row(Strategy.THREAD, Gil.python3(), 100, 10_000, 101, 40_960),
                row(Strategy.EVENT_LOOP, Gil.python3(), 100, 27_000, 2, 2_048),
                row(Strategy.EVENT_LOOP, Gil.off(), 10, 1, 2, 1));

        assertThat(Takeaways.serve(rows, 100)).isEqualTo("at 100 connections EVENT_LOOP answers 30,000 requests/s"
                + " with 2 more threads, THREAD 20,000 with 101; under python3's GIL: THREAD serves 0.50x,"
                + " EVENT_LOOP serves 0.90x of the rate without; resident memory per connection runs from 2.0 KiB"
                + " (EVENT_LOOP) to 40.0 KiB (THREAD)");
        assertThat(Takeaways.serve(rows.subList(1, 2), 100)).isEqualTo("at 100 connections requests/s run from"
                + " 30,000 (EVENT_LOOP) to 30,000 (EVENT_LOOP); resident memory per connection runs from 2.0 KiB"
                + " (EVENT_LOOP) to 2.0 KiB (EVENT_LOOP)");
        assertThat(Takeaways.serve(rows, 1_000)).isEqualTo("no server was measured at 1,000 connections");
    }

    private static ServeRow row(Strategy strategy, Gil gil, int connections, double requestsPerSecond, long threads,
                                double perConnection) {
        LoadClient.Result result = new LoadClient.Result((long) requestsPerSecond, Duration.ofSeconds(1),
                Duration.ofMillis(1), Duration.ofMillis(2));
        return new ServeRow(strategy, gil, connections, result, threads, 100 << 20, perConnection, null);
    }
}
