package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.testkit.Strategies;
import dev.concurrency.AsyncConnection;
import dev.concurrency.Connection;
import dev.concurrency.testkit.EchoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Soak: random mixes of succeeding, failing, sleeping, timing-out,
 * {@code Error}-throwing, echoing, unanswered-reading and misbehaving
 * (interrupt-ignoring) tasks under
 * every strategy. Every task ends in exactly one allowed outcome, the run
 * returns within its deadline plus the promised grace, and once the
 * misbehaving code has finished on its own nothing of the library is left:
 * no thread, worker process or file descriptor (selector, socket, pipe).
 * Size: {@value #TASKS} tasks times {@code -Dconcurrency.stress}; the seed is
 * fixed per strategy and named in failures.
 */
@Timeout(120)
class FaultSoakStressTest {

    private static final int TASKS = 40;
    private static final Duration TIMEOUT = TestSupport.scaled(300);
    private static final Duration DEADLINE = TestSupport.scaled(6_000);
    /** The promise: a run returns within its deadline plus at most this. */
    private static final Duration PROMISED_GRACE = Duration.ofSeconds(1);
    /** At most this many misbehaving tasks per run, so that a run stays short where they hold a loop. */
    private static final int MAX_MISBEHAVING = 2;

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    /** What one task does. */
    enum Kind { SUCCEED, FAIL, SLEEP, TIME_OUT, THROW_ERROR, IGNORE_INTERRUPTS, ECHO, READ_UNANSWERED }

    /**
     * One task of the mix, in both styles; serializable, for PROCESS.
     *
     * @param kind   what it does
     * @param millis how long it sleeps, or ignores interrupts
     * @param echo   the echo server it talks to
     */
    record Soak(Kind kind, long millis, InetSocketAddress echo) implements Task<String> {

        @Override
        public String run(TaskContext ctx) throws Exception {
            switch (kind) {
                case SUCCEED -> {
                    return "ok";
                }
                case FAIL -> throw new IOException("failed on purpose");
                case SLEEP -> ctx.sleep(Duration.ofMillis(millis));
                case TIME_OUT -> ctx.sleep(Duration.ofMinutes(10));
                case THROW_ERROR -> throw new AssertionError("an Error on purpose");
                case IGNORE_INTERRUPTS -> ignoreInterrupts(millis);
                case ECHO -> {
                    try (Connection connection = ctx.connect(echo)) {
                        connection.write("ok\n");
                        return connection.readLine();
                    }
                }
                case READ_UNANSWERED -> ctx.connect(echo).readLine(); // left open: the library closes it
            }
            return "ok";
        }

        AsyncTask<String> async() {
            Soak self = this;
            return ctx -> switch (self.kind) {
                case SUCCEED -> CompletableFuture.completedFuture("ok");
                case FAIL -> CompletableFuture.failedFuture(new IOException("failed on purpose"));
                case SLEEP -> ctx.sleep(Duration.ofMillis(self.millis)).thenApply(v -> "ok");
                case TIME_OUT -> ctx.sleep(Duration.ofMinutes(10)).thenApply(v -> "ok");
                case THROW_ERROR -> ctx.sleep(Duration.ZERO).thenApply(v -> {
                    throw new AssertionError("an Error on purpose");
                });
                case IGNORE_INTERRUPTS -> ignoringInterruptsInACallback(ctx.sleep(Duration.ZERO), self.millis);
                case ECHO -> ctx.connect(self.echo).thenCompose(c -> c.write("ok\n")
                        .thenCompose(v -> c.readLine())
                        .whenComplete((line, e) -> c.close()));
                case READ_UNANSWERED -> ctx.connect(self.echo).thenCompose(AsyncConnection::readLine);
            };
        }

        private static CompletionStage<String> ignoringInterruptsInACallback(CompletionStage<Void> stage, long millis) {
            return stage.thenApply(v -> {
                ignoreInterrupts(millis);
                return "ok";
            });
        }

        /** Keeps the thread for {@code millis}, swallowing interrupts, as badly behaved code does. */
        static void ignoreInterrupts(long millis) {
            long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
            boolean interrupted = false;
            for (long left; (left = end - System.nanoTime()) > 0; ) {
                try {
                    Thread.sleep(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<Soak> mix(Random random, int size, InetSocketAddress echo) {
        List<Soak> mix = new ArrayList<>(size);
        int misbehaving = 0;
        for (int i = 0; i < size; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            if (kind == Kind.IGNORE_INTERRUPTS && misbehaving++ >= MAX_MISBEHAVING) {
                kind = Kind.SUCCEED;
            }
            long millis = kind == Kind.IGNORE_INTERRUPTS ? 1_200 : random.nextInt(50);
            mix.add(new Soak(kind, millis, echo));
        }
        return mix;
    }

    /** What a task of a kind may end as: its own ending, a timeout, or cancelled if the deadline came before it started. */
    private static Set<Class<?>> allowed(Kind kind) {
        return switch (kind) {
            case SUCCEED, SLEEP, ECHO ->
                    Set.of(Outcome.Success.class, Outcome.TimedOut.class, Outcome.Cancelled.class);
            case FAIL, THROW_ERROR -> Set.of(Outcome.Failure.class, Outcome.TimedOut.class, Outcome.Cancelled.class);
            case TIME_OUT, IGNORE_INTERRUPTS, READ_UNANSWERED -> Set.of(Outcome.TimedOut.class, Outcome.Cancelled.class);
        };
    }

    private EchoServer echo;

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = EchoServer.start();
    }

    @AfterEach
    void stopEchoServer() throws IOException {
        echo.close();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void everyTaskEndsOnceAndTheRunKeepsItsPromise(Strategy strategy) throws Exception {
        long seed = 20261130L + strategy.ordinal();
        List<Soak> mix = mix(new Random(seed), TASKS * TestSupport.STRESS, echo.address());
        List<Task<String>> tasks = new ArrayList<>(mix.size());
        for (Soak soak : mix) {
            tasks.add(TestSupport.form(strategy, soak, soak.async()));
        }
        RunOptions options = Strategies.options(strategy).taskTimeout(TIMEOUT).deadline(DEADLINE);
        if (strategy == Strategy.EVENT_LOOP || strategy == Strategy.CALLBACK) {
            options = options.loops(2).noBlockedLoopWarning();
        }
        // the JDK opens some files once per JVM on first use (its I/O pollers, /dev/urandom): a warm-up opens them
        Soak echoing = new Soak(Kind.ECHO, 0, echo.address());
        Concurrency.run(List.of(TestSupport.form(strategy, echoing, echoing.async())), options);
        long filesBefore = openFiles();
        List<String> namesBefore = openFileNames();
        Results<String> results = Concurrency.run(tasks, options);
        String context = strategy + ", seed " + seed + ", " + mix.size() + " tasks";
        assertThat(results.outcomes()).as(context).hasSize(mix.size()).doesNotContainNull();
        for (int i = 0; i < mix.size(); i++) {
            Outcome<String> outcome = results.outcome(i);
            assertThat(allowed(mix.get(i).kind())).as(context + ": tasks[" + i + "] " + mix.get(i) + " ended " + outcome)
                    .anyMatch(type -> type.isInstance(outcome));
        }
        assertThat(results.stats().wallTime()).as(context).isLessThan(DEADLINE.plus(PROMISED_GRACE));
        awaitMisbehavingCodeDone();
        TestSupport.assertNoLibraryThreadAlive(List.of());
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (openFiles() > filesBefore && System.nanoTime() - end < 0) {
            Thread.sleep(20); // the echo server closes its side of each connection once it sees the client's close
        }
        assertThat(openFiles()).as(context + ": file descriptors (selectors, sockets, pipes) left open; before "
                        + namesBefore + ", after " + openFileNames())
                .isLessThanOrEqualTo(filesBefore);
    }

    static List<String> openFileNames() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return fd.getFileName() + "->" + java.nio.file.Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd.getFileName() + "->?";
                }
            }).sorted().toList();
        }
    }

    /** @return this JVM's open file descriptors */
    static long openFiles() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Abandoned code ends on its own within its bounded misbehaviour; wait for that, at most 30 s. */
    private static void awaitMisbehavingCodeDone() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - end < 0 && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("concurrency-"))) {
            Thread.sleep(20); // polls a condition with a bound; nothing here can signal it
        }
    }
}
