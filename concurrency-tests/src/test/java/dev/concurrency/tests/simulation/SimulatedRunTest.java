package dev.concurrency.tests.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Simulated runs: virtual time, seeded choices, traces that replay. */
@Timeout(60)
@org.junit.jupiter.api.extension.ExtendWith(dev.concurrency.tests.structure.NothingLeftBehind.class)
class SimulatedRunTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** The suite's size knob: {@code -Dconcurrency.stress=4} runs four times as many sleepers. */
    private static final int SCALE = Integer.getInteger("concurrency.stress", 1);

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"EVENT_LOOP", "CALLBACK"})
    void aLongSleepTakesNoWallTimeAndTheClockJumpsToIt(Strategy strategy) {
        int n = 10_000 * SCALE;
        List<Task<Instant>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(sleeper(strategy, HOUR));
        }
        Results<Instant> results = Concurrency.run(tasks, RunOptions.of(strategy).simulated(1));
        assertThat(results.values()).allMatch(Instant.EPOCH.plus(HOUR)::equals);
        assertThat(results.stats().wallTime()).isEqualTo(HOUR);
        assertThat(results.stats().tasks().get(n - 1).ended()).isEqualTo(HOUR);
    }

    private static Task<Instant> sleeper(Strategy strategy, Duration duration) {
        if (strategy == Strategy.CALLBACK) {
            return (AsyncTask<Instant>) ctx -> ctx.sleep(duration).thenApply(v -> ctx.now());
        }
        return ctx -> {
            ctx.sleep(duration);
            return ctx.now();
        };
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"EVENT_LOOP", "CALLBACK"})
    void theSameSeedReplaysTheSameTraceAndOutcomes(Strategy strategy) {
        Results<String> first = Concurrency.run(racers(strategy, 6), RunOptions.of(strategy).simulated(7));
        Results<String> again = Concurrency.run(racers(strategy, 6), RunOptions.of(strategy).simulated(7));
        assertThat(again.outcomes()).isEqualTo(first.outcomes());
        assertThat(again.trace()).isEqualTo(first.trace());
        assertThat(first.trace().orElseThrow().seed()).isEqualTo(7);
        assertThat(first.trace().orElseThrow().steps()).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"EVENT_LOOP", "CALLBACK"})
    void differentSeedsInterleaveDifferently(Strategy strategy) {
        java.util.Set<List<String>> orders = new java.util.HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            orders.add(Concurrency.run(racers(strategy, 4), RunOptions.of(strategy).simulated(seed)).values());
        }
        assertThat(orders).as("the orders in which 4 tasks of 3 steps each appended, over 20 seeds").hasSizeGreaterThan(1);
    }

    /** Tasks that each append their name to a shared log at three suspension points; each returns the log. */
    private static List<Task<String>> racers(Strategy strategy, int n) {
        StringBuffer log = new StringBuffer();
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "t" + i;
            if (strategy == Strategy.CALLBACK) {
                tasks.add(AsyncTask.named(name, ctx -> ctx.checkpoint()
                        .thenCompose(v -> { log.append(name); return ctx.checkpoint(); })
                        .thenCompose(v -> { log.append(name); return ctx.checkpoint(); })
                        .thenApply(v -> log.append(name).toString())));
            } else {
                tasks.add(Task.named(name, ctx -> {
                    for (int step = 0; step < 3; step++) {
                        ctx.checkpoint();
                        log.append(name);
                    }
                    return log.toString();
                }));
            }
        }
        return tasks;
    }

    @Test
    void aTaskTimeoutAndADeadlineFireAtTheirVirtualInstant() {
        Task<String> slow = ctx -> {
            ctx.sleep(Duration.ofSeconds(10));
            return "woke";
        };
        Task<String> quick = ctx -> {
            ctx.sleep(Duration.ofSeconds(2));
            return "quick";
        };
        Results<String> timedOut = Concurrency.run(List.of(slow, quick),
                RunOptions.of(Strategy.EVENT_LOOP).simulated(3).taskTimeout(Duration.ofSeconds(3)));
        assertThat(timedOut.outcome(0)).isInstanceOf(Outcome.TimedOut.class);
        assertThat(timedOut.stats().tasks().get(0).ended()).isEqualTo(Duration.ofSeconds(3));
        assertThat(timedOut.outcome(1)).isEqualTo(new Outcome.Success<>("quick"));
        assertThat(timedOut.stats().tasks().get(1).ended()).isEqualTo(Duration.ofSeconds(2));

        Results<String> pastDeadline = Concurrency.run(List.of(slow, quick),
                RunOptions.of(Strategy.EVENT_LOOP).simulated(3).deadline(Duration.ofSeconds(5)));
        assertThat(pastDeadline.outcome(0)).isInstanceOf(Outcome.TimedOut.class);
        assertThat(pastDeadline.outcome(1)).isEqualTo(new Outcome.Success<>("quick"));
        assertThat(pastDeadline.stats().wallTime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aTaskThatNeverSuspendsMovesNoVirtualTimeAndTheRealDeadlineStillEndsTheRun() {
        Task<String> spinner = Task.named("spinner", ctx -> {
            Instant start = ctx.now();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            return "stopped at " + Duration.between(start, ctx.now());
        });
        Task<String> sleeper = ctx -> {
            ctx.sleep(HOUR);
            return "woke";
        };
        Results<String> results = Concurrency.run(List.of(spinner, sleeper),
                RunOptions.of(Strategy.EVENT_LOOP).simulated(8).deadline(Duration.ofMillis(200)));
        assertThat(results.outcome(0)).isEqualTo(new Outcome.TimedOut<>(Duration.ofMillis(200)));
        assertThat(results.outcome(1)).as("the sleeper: cut short if it began, cancelled if it never did")
                .isIn(new Outcome.TimedOut<>(Duration.ofMillis(200)), new Outcome.Cancelled<>());
        assertThat(results.stats().wallTime()).as("virtual: the spinner kept the loop, so the clock never moved")
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void withTimeoutFiresAtItsVirtualInstant() {
        Task<Instant> task = ctx -> {
            try {
                ctx.withTimeout(Duration.ofMinutes(1), () -> {
                    ctx.sleep(HOUR);
                    return null;
                });
                throw new AssertionError("the scope did not time out");
            } catch (TimeoutException expected) {
                return ctx.now();
            }
        };
        Results<Instant> results = Concurrency.run(List.of(task), RunOptions.of(Strategy.EVENT_LOOP).simulated(5));
        assertThat(results.values()).containsExactly(Instant.EPOCH.plus(Duration.ofMinutes(1)));
    }

    @Test
    void theTraceNamesEachTaskStepAndOutcome() {
        Task<Integer> task = Task.named("napper", ctx -> {
            ctx.sleep(Duration.ofSeconds(2));
            return 4;
        });
        Trace trace = Concurrency.run(List.of(task), RunOptions.of(Strategy.EVENT_LOOP).simulated(9))
                .trace().orElseThrow();
        assertThat(trace.steps()).extracting(Trace.Step::event).containsExactly(
                "started", "suspended on sleep(PT2S)", "resumed", "ended Success[value=4]");
        assertThat(trace.steps().get(3).at()).isEqualTo(Duration.ofSeconds(2));
        assertThat(trace.toString()).startsWith("simulated(9), 4 steps:").contains("napper");
    }

    @Test
    void aRunThatIsNotSimulatedHasNoTraceAndRealTime() {
        Results<Instant> results = Concurrency.run(List.of(ctx -> ctx.now()), Strategy.EVENT_LOOP);
        assertThat(results.trace()).isEmpty();
        assertThat(results.values().get(0)).isAfter(Instant.EPOCH.plus(Duration.ofDays(365)));
    }

    @Test
    void blockingWorkRunsInPlaceAndTakesNoVirtualTime() {
        Task<Instant> task = ctx -> ctx.blocking(() -> {
            Thread.sleep(5);
            return ctx.now();
        });
        Results<Instant> results = Concurrency.run(List.of(task), RunOptions.of(Strategy.EVENT_LOOP).simulated(2));
        assertThat(results.values()).containsExactly(Instant.EPOCH);
    }

    @Test
    void strategiesThatCannotSimulateRefuseItBeforeAnythingRuns() {
        assertThatThrownBy(() -> Concurrency.run(List.of(ctx -> 1), RunOptions.of(Strategy.VIRTUAL_THREAD).simulated(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VIRTUAL_THREAD").hasMessageContaining("simulated(1)");
        assertThatThrownBy(() -> RunOptions.of(Strategy.EVENT_LOOP).loops(2).simulated(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one loop");
    }

    @Test
    void childrenAndTheirJoinsRunOnTheVirtualClock() {
        Task<List<Integer>> parent = ctx -> {
            try (var group = ctx.<Integer>group()) {
                var handles = IntStream.range(0, 5).mapToObj(i -> group.spawn(c -> {
                    c.sleep(Duration.ofMinutes(i));
                    return i;
                })).toList();
                List<Integer> values = new ArrayList<>();
                for (var h : handles) {
                    values.add(h.join());
                }
                return values;
            }
        };
        Results<List<Integer>> results = Concurrency.run(List.of(parent), RunOptions.of(Strategy.EVENT_LOOP).simulated(4));
        assertThat(results.values()).containsExactly(List.of(0, 1, 2, 3, 4));
        assertThat(results.stats().wallTime()).isEqualTo(Duration.ofMinutes(4));
    }
}
