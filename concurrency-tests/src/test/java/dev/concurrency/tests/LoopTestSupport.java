package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Strategy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** What the loop-specific tests share: the loop strategies, delays, thread checks and step-by-step ordering. */
final class LoopTestSupport {

    private static final double DELAY_FACTOR =
            Double.parseDouble(System.getProperty("concurrency.delayFactor", "1"));

    /** Stress sizes are multiplied by this ({@code -Dconcurrency.stress}, default 1). */
    static final int STRESS = Integer.getInteger("concurrency.stress", 1);
    /** Long enough that, if it passes, something is wrong. */
    static final Duration LONG = scaled(10_000);
    /** A limit ordinary tasks of the suite never reach. */
    static final Duration TIMEOUT = scaled(1_000);
    /** A wait no test lets pass: it must be cut short. */
    static final Duration FOREVER = Duration.ofHours(1);

    private LoopTestSupport() {
    }

    static Duration scaled(long millis) {
        return Duration.ofMillis((long) (millis * DELAY_FACTOR));
    }

    /** @return the strategies that run tasks on selector loops */
    static List<Strategy> loopStrategies() {
        return List.of(Strategy.EVENT_LOOP, Strategy.CALLBACK);
    }

    /** @return whether this run of the suite is the one without the JVM flag (baton coroutines) */
    static boolean fallbackSuite() {
        return "fallback".equals(System.getProperty("concurrency.suite"));
    }

    /** Waits for a future, failing the test instead of hanging. */
    static <T> T get(Future<T> future) throws InterruptedException, ExecutionException {
        try {
            return future.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("not done within " + LONG + ": " + future, e);
        }
    }

    /**
     * @return names of the library's loop, blocking-pool, watchdog and timer threads alive now: the platform
     *         ones, and the virtual ones (the fallback's loops are virtual threads from JDK 22), which only a
     *         thread dump lists; not the coroutines ({@code -task})
     */
    static List<String> liveLoopThreads() {
        return java.util.stream.Stream.concat(Thread.getAllStackTraces().keySet().stream()
                        .filter(Thread::isAlive)
                        .map(Thread::getName), virtualThreadNames().stream())
                .filter(name -> name.startsWith("concurrency-") && !name.endsWith("-task"))
                .filter(name -> name.contains("loop") || name.contains("blocking") || name.contains("watchdog")
                        || name.contains("timer"))
                .sorted()
                .toList();
    }

    /** @return the names of the virtual threads alive now, from a thread dump (which lists them) */
    static List<String> virtualThreadNames() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("threads");
            java.nio.file.Path file = dir.resolve("dump.json");
            try {
                java.lang.management.ManagementFactory.getPlatformMXBean(
                        com.sun.management.HotSpotDiagnosticMXBean.class).dumpThreads(file.toString(),
                        com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                String json = java.nio.file.Files.readString(file);
                List<String> names = new java.util.ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("\"virtual\": true,\\s*\"name\": \"([^\"]*)\"")
                        .matcher(json);
                while (m.find()) {
                    names.add(m.group(1));
                }
                return names;
            } finally {
                java.nio.file.Files.deleteIfExists(file);
                java.nio.file.Files.delete(dir);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** No thread that ran tasks is alive, and no loop, blocking or watchdog thread of the library either. */
    static void assertNothingOfTheLoopLeft(Collection<Thread> taskThreads) {
        assertThat(taskThreads).as("threads that ran tasks").noneMatch(Thread::isAlive);
        assertThat(liveLoopThreads()).as("loop, pool, watchdog and timer threads of the library").isEmpty();
    }

    /** A completed stage, typed. */
    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /**
     * Steps that must happen in a given order, kotlinx.coroutines' {@code expect(n)}
     * and {@code finish(n)}: each step names its number; a step out of order is
     * recorded (and thrown to the task that took it).
     */
    static final class Expect {
        private final AtomicInteger last = new AtomicInteger();
        private final AtomicReference<AssertionError> firstError = new AtomicReference<>();

        /** Step {@code n}: the previous step must have been {@code n - 1}. */
        void expect(int n) {
            int previous = last.getAndIncrement();
            if (previous != n - 1) {
                AssertionError e = new AssertionError("expected step " + n + " but it came after step " + previous);
                firstError.compareAndSet(null, e);
                throw e;
            }
        }

        /** The last step, {@code n}: checks every step came in order. */
        void finish(int n) {
            expect(n);
            check();
        }

        /** Fails with the first step that came out of order, if any. */
        void check() {
            AssertionError e = firstError.get();
            if (e != null) {
                throw e;
            }
        }
    }
}
