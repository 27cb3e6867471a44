package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.Outcome;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.Strategies;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

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
     * The form of a scenario's task that {@code strategy} runs, as a worker
     * process would receive it: a {@linkplain Serialization#copy serialized
     * copy}. Every scenario runs under every strategy: {@link Strategy#CALLBACK}
     * runs only {@link AsyncTask}s, so it gets the scenario's callback form;
     * every other strategy runs the direct form. Both forms must end the same
     * way. Since every strategy runs a copy, a scenario that passes under the
     * in-process strategies shares nothing with its tasks but what works
     * across processes ({@code Probe}, {@code Gate}, {@code SharedCounters},
     * the echo server's address).
     *
     * @param strategy the strategy of the scenario's run
     * @param direct   the scenario's task in direct style
     * @param async    the same task in callback style
     * @param <T>      its result type
     * @return a copy of {@code async} for CALLBACK, of {@code direct} otherwise
     */
    static <T> Task<T> form(Strategy strategy, Task<T> direct, AsyncTask<T> async) {
        return Serialization.copy(sharedForm(strategy, direct, async));
    }

    /**
     * {@link #form} without the copy, for the few scenarios about one JVM,
     * which share objects with their tasks and run over
     * {@link Strategies#sharingMemory()} only.
     */
    static <T> Task<T> sharedForm(Strategy strategy, Task<T> direct, AsyncTask<T> async) {
        Objects.requireNonNull(direct, "direct is null");
        Objects.requireNonNull(async, "async is null");
        return strategy == Strategy.CALLBACK ? async : direct;
    }

    /**
     * No thread the tasks ran on is still alive, no platform thread of the
     * library is either, and no child process of this JVM (a worker) is left.
     * The task threads are those of this JVM ({@code Probe.threads()}). The
     * threads and processes an installed {@code StrategyFixture} keeps for
     * every run (a shared cluster's members) are not leftovers.
     */
    static void assertNoLibraryThreadAlive(Collection<Thread> taskThreads) {
        assertThat(taskThreads).as("threads that ran tasks").noneMatch(Thread::isAlive);
        List<String> library = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !Strategies.isFixture(t))
                .map(Thread::getName)
                .filter(name -> name.startsWith("concurrency-"))
                .toList();
        assertThat(library).as("platform threads of the library").isEmpty();
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> !Strategies.isFixture(p)).toList())
                .as("child processes left").isEmpty();
    }

    static <T> T value(Outcome<T> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        return ((Outcome.Success<T>) outcome).value();
    }
}
