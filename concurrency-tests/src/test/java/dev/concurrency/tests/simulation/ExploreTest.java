package dev.concurrency.tests.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.Simulation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The test kit finds a race that the loop's first-in-first-out order hides,
 * reports its seed, and the seed replays it.
 */
@Timeout(120)
class ExploreTest {

    /**
     * Two bookings of the last seat. The first checks, then awaits its payment
     * (a suspension), then takes the seat; the second first awaits its request
     * (a suspension), then does the same. In first-in-first-out order the first
     * booking has taken the seat before the second checks; only when the
     * second overtakes the first at a suspension point do both take it.
     */
    static List<Task<Boolean>> lastSeat() {
        AtomicInteger free = new AtomicInteger(1);
        Task<Boolean> first = Task.named("first", ctx -> {
            if (free.get() == 0) {
                return false;
            }
            ctx.checkpoint(); // await the payment
            free.decrementAndGet();
            return true;
        });
        Task<Boolean> second = Task.named("second", ctx -> {
            ctx.checkpoint(); // await the request
            if (free.get() == 0) {
                return false;
            }
            ctx.checkpoint(); // await the payment
            free.decrementAndGet();
            return true;
        });
        return List.of(first, second);
    }

    static List<Task<Boolean>> lastSeatAsync() {
        AtomicInteger free = new AtomicInteger(1);
        AsyncTask<Boolean> first = AsyncTask.named("first", ctx -> {
            if (free.get() == 0) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
            return ctx.checkpoint().thenApply(v -> took(free));
        });
        AsyncTask<Boolean> second = AsyncTask.named("second", ctx -> ctx.checkpoint().thenCompose(v -> {
            if (free.get() == 0) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }
            return ctx.checkpoint().thenApply(w -> took(free));
        }));
        return List.of(first, second);
    }

    private static boolean took(AtomicInteger free) {
        free.decrementAndGet();
        return true;
    }

    private static boolean atMostOneSeat(Results<Boolean> results) {
        return results.values().stream().filter(Boolean::booleanValue).count() <= 1;
    }

    @Test
    void firstInFirstOutNeverShowsTheRace() {
        for (int i = 0; i < 20; i++) {
            assertThat(atMostOneSeat(Concurrency.run(lastSeat(), Strategy.EVENT_LOOP))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"EVENT_LOOP", "CALLBACK"})
    void exploringSeedsFindsItAndTheSeedReplaysIt(Strategy strategy) {
        RunOptions options = RunOptions.of(strategy);
        java.util.function.Supplier<List<Task<Boolean>>> tasks =
                strategy == Strategy.CALLBACK ? ExploreTest::lastSeatAsync : ExploreTest::lastSeat;
        Simulation.Exploration<Boolean> exploration = Simulation.explore(options, tasks, Simulation.seeds(0, 200),
                ExploreTest::atMostOneSeat);

        Simulation.Counterexample<Boolean> found = exploration.found().orElseThrow();
        assertThat(exploration.explored()).isLessThanOrEqualTo(200);
        assertThat(found.results().values()).containsExactly(true, true);
        Results<Boolean> replayed = Simulation.replay(options, tasks, found.seed());
        assertThat(replayed.outcomes()).isEqualTo(found.results().outcomes());
        assertThat(replayed.trace()).isEqualTo(found.results().trace());
        assertThatThrownBy(exploration::assertHolds).isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed " + found.seed()).hasMessageContaining("second");
    }

    @Test
    void aPropertyThatHoldsIsCheckedUnderEverySeed() {
        Simulation.Exploration<Boolean> exploration = Simulation.explore(ExploreTest::lastSeat, Simulation.seeds(0, 30),
                results -> results.size() == 2);
        assertThat(exploration.explored()).isEqualTo(30);
        assertThat(exploration.found()).isEmpty();
        exploration.assertHolds();
    }

    @Test
    void onlyTheLoopStrategiesExplore() {
        assertThatThrownBy(() -> Simulation.explore(RunOptions.of(Strategy.THREAD), ExploreTest::lastSeat,
                Simulation.seeds(0, 1), r -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("THREAD");
    }
}
