package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Outcome;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Named delays and sizes, the form of a scenario's task each strategy runs, and the leak checks shared by the suite. */
final class TestSupport {

    private static final double DELAY_FACTOR =
            Double.parseDouble(System.getProperty("concurrency.delayFactor", "1"));

    /** Stress sizes are multiplied by this ({@code -Dconcurrency.stress}, default 1). */
    static final int STRESS = Integer.getInteger("concurrency.stress", 1);
    /** Long enough that, if it passes, something is wrong. */
    static final Duration LONG = scaled(10_000);
    /** A limit ordinary tasks of the suite never reach. */
    static final Duration TIMEOUT = scaled(1_000);

    private TestSupport() {
    }

    static Duration scaled(long millis) {
        return Duration.ofMillis((long) (millis * DELAY_FACTOR));
    }

    /**
     * The form of a scenario's task that {@code strategy} runs. Every scenario
     * runs under every strategy: {@link Strategy#CALLBACK} runs only
     * {@link AsyncTask}s, so it gets the scenario's callback form; every other
     * strategy runs the direct form. Both forms must end the same way.
     *
     * @param strategy the strategy of the scenario's run
     * @param direct   the scenario's task in direct style
     * @param async    the same task in callback style
     * @param <T>      its result type
     * @return {@code async} for CALLBACK, {@code direct} otherwise
     */
    static <T> Task<T> form(Strategy strategy, Task<T> direct, AsyncTask<T> async) {
        Objects.requireNonNull(direct, "direct is null");
        Objects.requireNonNull(async, "async is null");
        return strategy == Strategy.CALLBACK ? async : direct;
    }

    /**
     * The callback form of {@link #await(CountDownLatch)}: the latch is waited
     * for as legacy blocking code, off the loop.
     *
     * @param ctx   the async task's context
     * @param latch the latch
     * @return completes once the latch is released, or fails the test as {@code await} does
     */
    static CompletionStage<Void> released(AsyncContext ctx, CountDownLatch latch) {
        return ctx.blocking(() -> {
            await(latch);
            return null;
        });
    }

    /** Waits for a latch, failing the test instead of hanging. */
    static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).as("latch released in time").isTrue();
    }

    /** No thread the tasks ran on is still alive, and no platform thread of the library is either. */
    static void assertNoLibraryThreadAlive(Collection<Thread> taskThreads) {
        assertThat(taskThreads).as("threads that ran tasks").noneMatch(Thread::isAlive);
        List<String> library = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("concurrency-"))
                .toList();
        assertThat(library).as("platform threads of the library").isEmpty();
    }

    static <T> T value(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        return ((Outcome.Success<T>) outcome).value();
    }
}
