package dev.concurrency.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.examples.workloads.EchoServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The benchmarks' tasks do what their Javadoc says they measure, under every
 * strategy: the echo task gets its line back each time, the switch-point
 * tasks make every call, and the GIL game hands the lock over at each pass.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BenchmarkTasksTest {

    private static final int TIMES = 50;

    @ParameterizedTest
    @EnumSource(value = Strategy.class, mode = EnumSource.Mode.EXCLUDE, names = "CLUSTER") // its own module
    void echoTaskGetsEveryLineBack(Strategy strategy) throws IOException {
        try (EchoServer server = EchoServer.start()) {
            assertThat(only(Tasks.echoRoundTrips(strategy, server.address(), TIMES), strategy)).isEqualTo(TIMES);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, mode = EnumSource.Mode.EXCLUDE, names = "CLUSTER") // its own module
    void switchPointTasksMakeEveryCall(Strategy strategy) {
        List<Task<Integer>> tasks = List.of(Tasks.checkpoints(strategy, TIMES), Tasks.zeroSleeps(strategy, TIMES),
                Tasks.empty(strategy));
        assertThat(Concurrency.run(tasks, strategy).values()).containsExactly(TIMES, TIMES, 1);
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"THREAD", "VIRTUAL_THREAD"})
    void gilGameHandsTheLockOverAtEachPass(Strategy strategy) {
        Results<Integer> results;
        try (Runner runner = Concurrency.open(GilHandOverBenchmark.options(strategy))) {
            results = runner.run(GilPingPong.game(TIMES));
        }
        assertThat(results.values()).containsExactly(TIMES, TIMES);
        // Each pass of the turn needs the other task to hold the lock; the last pass ends the game.
        assertThat(results.stats().gil().switches()).isGreaterThanOrEqualTo(2L * TIMES - 1);
    }

    @Test
    void echoServerStopsItsThread() throws IOException {
        EchoServer server = EchoServer.start();
        server.close();
        server.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("echo-server"));
    }

    private static <T> T only(Task<T> task, Strategy strategy) {
        return Concurrency.run(List.of(task), strategy).values().get(0);
    }
}
