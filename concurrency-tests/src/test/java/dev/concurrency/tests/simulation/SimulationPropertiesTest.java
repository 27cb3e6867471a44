package dev.concurrency.tests.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random task sets and seeds, a simulated run replays exactly: the same
 * seed and the same tasks give the same outcomes and the same trace. Each task
 * is a list of waits (0 is a checkpoint, otherwise a sleep of that many
 * milliseconds), after each of which it appends its index to a log the tasks
 * share, and returns the log as it found it at the end. Each try has a time limit.
 */
class SimulationPropertiesTest {

    @Provide
    Arbitrary<List<List<Integer>>> taskSets() {
        return Arbitraries.integers().between(0, 3).map(ms -> ms == 3 ? 0 : ms).list().ofMaxSize(5).list().ofMinSize(1)
                .ofMaxSize(8);
    }

    @Provide
    Arbitrary<Strategy> loopStrategies() {
        return Arbitraries.of(Strategy.EVENT_LOOP, Strategy.CALLBACK);
    }

    @Property(tries = 10)
    void theSameSeedReplaysTheSameRun(@ForAll("taskSets") List<List<Integer>> set, @ForAll long seed,
                                      @ForAll("loopStrategies") Strategy strategy) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            RunOptions options = RunOptions.of(strategy).simulated(seed);
            Results<String> first = Concurrency.run(tasks(set, strategy), options);
            Results<String> again = Concurrency.run(tasks(set, strategy), options);
            assertThat(again.outcomes()).isEqualTo(first.outcomes());
            assertThat(again.trace()).isEqualTo(first.trace());
            assertThat(again.stats().wallTime()).isEqualTo(first.stats().wallTime());
            int longest = set.stream().mapToInt(w -> w.stream().mapToInt(Integer::intValue).sum()).max().orElse(0);
            assertThat(first.stats().wallTime()).isEqualTo(Duration.ofMillis(longest));
        });
    }

    private static List<Task<String>> tasks(List<List<Integer>> set, Strategy strategy) {
        StringBuffer log = new StringBuffer();
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            List<Integer> waits = set.get(i);
            String mark = Integer.toString(i);
            if (strategy == Strategy.CALLBACK) {
                tasks.add((AsyncTask<String>) ctx -> {
                    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
                    for (int ms : waits) {
                        chain = chain.thenCompose(v -> ms == 0 ? ctx.checkpoint() : ctx.sleep(Duration.ofMillis(ms)))
                                .thenRun(() -> log.append(mark));
                    }
                    return chain.thenApply(v -> log.toString());
                });
            } else {
                tasks.add(ctx -> {
                    for (int ms : waits) {
                        if (ms == 0) {
                            ctx.checkpoint();
                        } else {
                            ctx.sleep(Duration.ofMillis(ms));
                        }
                        log.append(mark);
                    }
                    return log.toString();
                });
            }
        }
        return tasks;
    }
}
