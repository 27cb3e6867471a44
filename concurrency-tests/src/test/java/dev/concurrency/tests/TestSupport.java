package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Outcome;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Named delays and sizes, and the leak checks shared by the suite. */
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
