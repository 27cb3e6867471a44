package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.EchoServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TCP through the loop: tasks connect to an echo server on 127.0.0.1 and make
 * a few line round trips each, one connection or a thousand at once, on one
 * loop or two. Every connection is open before any round trip starts, so they
 * really are concurrent.
 */
@Timeout(120)
class LoopEchoTest {

    private static final int ROUND_TRIPS = 3;

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Strategy strategy : LoopTestSupport.loopStrategies()) {
            for (int loops : new int[] {1, 2}) {
                cases.add(Arguments.of(strategy, loops, 1));
                cases.add(Arguments.of(strategy, loops, 1_000));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, loops({1}), {2} connections")
    @MethodSource("cases")
    void everyConnectionGetsItsOwnLinesBackInOrder(Strategy strategy, int loops, int connections) throws Exception {
        List<String> results;
        try (EchoServer echo = EchoServer.start()) {
            InetSocketAddress address = echo.address();
            AtomicInteger connected = new AtomicInteger();
            CompletableFuture<Void> allConnected = new CompletableFuture<>();
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int index = i;
                Runnable arrived = () -> {
                    if (connected.incrementAndGet() == connections) {
                        allConnected.complete(null);
                    }
                };
                if (strategy == Strategy.EVENT_LOOP) {
                    tasks.add(ctx -> {
                        try (Connection c = ctx.connect(address)) {
                            arrived.run();
                            ctx.await(allConnected);
                            StringBuilder answers = new StringBuilder();
                            for (int trip = 0; trip < ROUND_TRIPS; trip++) {
                                c.write(line(index, trip) + "\n");
                                answers.append(c.readLine()).append('|');
                            }
                            return answers.toString();
                        }
                    });
                } else {
                    tasks.add((AsyncTask<String>) ctx -> ctx.connect(address).thenCompose(c -> {
                        arrived.run();
                        return ctx.await(allConnected)
                                .thenCompose(v -> roundTrips(c, index, 0, new StringBuilder()))
                                .whenComplete((answers, error) -> c.close());
                    }));
                }
            }

            Results<String> run = Concurrency.run(tasks, RunOptions.of(strategy).loops(loops));
            results = run.values();
        }

        assertThat(results).hasSize(connections);
        for (int i = 0; i < connections; i++) {
            StringBuilder expected = new StringBuilder();
            for (int trip = 0; trip < ROUND_TRIPS; trip++) {
                expected.append(line(i, trip)).append('|');
            }
            assertThat(results.get(i)).as("answers of tasks[%d]", i).isEqualTo(expected.toString());
        }
    }

    private static CompletionStage<String> roundTrips(AsyncConnection c, int index, int trip, StringBuilder answers) {
        if (trip == ROUND_TRIPS) {
            return LoopTestSupport.done(answers.toString());
        }
        return c.write(line(index, trip) + "\n")
                .thenCompose(v -> c.readLine())
                .thenCompose(answer -> {
                    answers.append(answer).append('|');
                    return roundTrips(c, index, trip + 1, answers);
                });
    }

    private static String line(int index, int trip) {
        return "task " + index + " says hello #" + trip;
    }
}
