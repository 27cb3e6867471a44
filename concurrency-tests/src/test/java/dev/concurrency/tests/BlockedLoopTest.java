package dev.concurrency.tests;

import static dev.concurrency.tests.LoopTestSupport.LONG;
import static dev.concurrency.tests.LoopTestSupport.scaled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.EchoServer;
import dev.concurrency.tests.logging.LogEvent;
import dev.concurrency.tests.logging.RecordedLogs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

/**
 * The blocked-loop report: a task that keeps its loop without giving it back
 * is named once, at WARN, with its stack, and the loop's other tasks still
 * finish; {@code noBlockedLoopWarning()} reports nothing. Runs on both
 * coroutine mechanisms (the suite's two executions): under the baton a plain
 * {@code Thread.sleep} holds the loop and is named, under the fast path it
 * parks only its task.
 *
 * <p>A task that holds the loop does so until its report has been logged
 * (watched through the test logger, without taking a lock), so no test
 * depends on how quickly the watchdog runs.
 */
@Timeout(60)
class BlockedLoopTest {

    private static final String WATCHDOG = "dev.concurrency.internal.eventloop.LoopWatchdog";

    static List<Strategy> strategies() {
        return LoopTestSupport.loopStrategies();
    }

    private static boolean isBlockedLoopReport(LogEvent event) {
        return event.level() == Level.WARN && event.logger().equals(WATCHDOG);
    }

    private static List<LogEvent> reportsSince(long mark) {
        return RecordedLogs.since(mark).stream().filter(BlockedLoopTest::isBlockedLoopReport).toList();
    }

    /**
     * The reports naming a task. (On a loaded machine a task that did nothing
     * wrong may be reported too, if the OS kept its loop from running for the
     * threshold, so tests count the reports naming the task they look at.)
     */
    private static List<LogEvent> reportsNaming(String name, long mark) {
        return reportsSince(mark).stream().filter(r -> r.message().contains("'" + name + "'")).toList();
    }

    /** Completes when a blocked-loop report names the task. */
    private static CompletableFuture<LogEvent> reportNaming(String name, List<RecordedLogs.Listening> listening) {
        CompletableFuture<LogEvent> reported = new CompletableFuture<>();
        listening.add(RecordedLogs.listen(event -> {
            if (isBlockedLoopReport(event) && event.message().contains("'" + name + "'")) {
                reported.complete(event);
            }
        }));
        return reported;
    }

    /** Keeps the CPU (and so the loop) busy until {@code reported}, then for {@code extra} more. */
    private static void spinUntil(CompletableFuture<?> reported, Duration extra) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!reported.isDone()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no blocked-loop report within " + LONG);
            }
            Thread.onSpinWait();
        }
        long end = System.nanoTime() + extra.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /** Blocks the thread in {@code Thread.sleep} until {@code reported}. */
    private static void sleepUntil(CompletableFuture<?> reported) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!reported.isDone()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no blocked-loop report within " + LONG);
            }
            Thread.sleep(1);
        }
    }

    /** A task that takes a few short sleeps on the loop. */
    private static Task<String> ticker(Strategy strategy, int index) {
        if (strategy == Strategy.EVENT_LOOP) {
            return ctx -> {
                for (int i = 0; i < 5; i++) {
                    ctx.sleep(Duration.ofMillis(1));
                }
                return "ticker " + index;
            };
        }
        return (AsyncTask<String>) ctx -> ctx.sleep(Duration.ofMillis(1))
                .thenCompose(v -> ctx.sleep(Duration.ofMillis(1)))
                .thenCompose(v -> ctx.checkpoint())
                .thenApply(v -> "ticker " + index);
    }

    @Test
    void aCpuBoundTaskIsNamedOnceWithItsStackAndTheOthersFinish() {
        long mark = RecordedLogs.mark();
        Duration threshold = RunOptions.DEFAULT_BLOCKED_LOOP_WARNING;
        List<RecordedLogs.Listening> listening = new ArrayList<>();
        try {
            CompletableFuture<LogEvent> reported = reportNaming("cpu-hog", listening);
            List<Task<String>> tasks = List.of(
                    Task.named("cpu-hog", ctx -> {
                        spinUntil(reported, threshold.multipliedBy(4));
                        return "hog";
                    }),
                    ticker(Strategy.EVENT_LOOP, 1), ticker(Strategy.EVENT_LOOP, 2), ticker(Strategy.EVENT_LOOP, 3));

            Results<String> results = Concurrency.run(tasks, RunOptions.of(Strategy.EVENT_LOOP));

            assertThat(results.values()).containsExactly("hog", "ticker 1", "ticker 2", "ticker 3");
        } finally {
            listening.forEach(RecordedLogs.Listening::close);
        }
        List<LogEvent> reports = reportsNaming("cpu-hog", mark);
        assertThat(reports).as("blocked-loop reports naming the hog").hasSize(1);
        LogEvent report = reports.get(0);
        assertThat(report.message()).contains("EVENT_LOOP", "tasks[0] 'cpu-hog'", "loop-0");
        assertThat(report.stack()).as("the stack in the report").contains("BlockedLoopTest.spinUntil");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void eachTaskThatHoldsItsLoopIsReportedOnce(Strategy strategy) {
        long mark = RecordedLogs.mark();
        Duration threshold = scaled(50);
        Duration extra = threshold.multipliedBy(4);
        List<RecordedLogs.Listening> listening = new ArrayList<>();
        try {
            CompletableFuture<LogEvent> first = reportNaming("first-hog", listening);
            CompletableFuture<LogEvent> second = reportNaming("second-hog", listening);
            List<Task<String>> tasks = new ArrayList<>();
            if (strategy == Strategy.EVENT_LOOP) {
                tasks.add(Task.named("first-hog", ctx -> {
                    spinUntil(first, extra);
                    return "first";
                }));
                tasks.add(Task.named("second-hog", ctx -> {
                    ctx.sleep(Duration.ofMillis(1));
                    spinUntil(second, extra);
                    return "second";
                }));
            } else {
                // One holds the loop in start(ctx), the other in a callback of a later stage.
                tasks.add(AsyncTask.named("first-hog", ctx -> {
                    spinUntil(first, extra);
                    return LoopTestSupport.done("first");
                }));
                tasks.add(AsyncTask.named("second-hog", ctx -> ctx.sleep(Duration.ofMillis(1)).thenApply(v -> {
                    spinUntil(second, extra);
                    return "second";
                })));
            }
            tasks.add(ticker(strategy, 2));
            tasks.add(ticker(strategy, 3));

            Results<String> results = Concurrency.run(tasks,
                    RunOptions.of(strategy).loops(1).blockedLoopWarning(threshold));

            assertThat(results.values()).containsExactly("first", "second", "ticker 2", "ticker 3");
        } finally {
            listening.forEach(RecordedLogs.Listening::close);
        }
        List<LogEvent> firstReports = reportsNaming("first-hog", mark);
        List<LogEvent> secondReports = reportsNaming("second-hog", mark);
        assertThat(firstReports).as("reports naming the first hog").hasSize(1);
        assertThat(secondReports).as("reports naming the second hog").hasSize(1);
        assertThat(firstReports.get(0).message()).contains(strategy.name(), "tasks[0] 'first-hog'");
        assertThat(secondReports.get(0).message()).contains(strategy.name(), "tasks[1] 'second-hog'");
        assertThat(List.of(firstReports.get(0), secondReports.get(0)))
                .allSatisfy(r -> assertThat(r.stack()).contains("BlockedLoopTest.spinUntil"));
    }

    @Test
    void inASimulatedRunTheReportSaysTheWaitEscapesTheSimulation() {
        // the fast coroutines park in Thread.sleep and are woken from outside the simulation; the fallback's keep
        // the loop meanwhile: either way a WARN names the task and says the run is simulated
        CompletableFuture<LogEvent> reported = new CompletableFuture<>();
        RecordedLogs.Listening listening = RecordedLogs.listen(event -> {
            if (event.level() == Level.WARN && event.message().contains("'real-sleeper'")
                    && event.message().contains("simulated(5)")) {
                reported.complete(event);
            }
        });
        try {
            Task<String> sleeper = Task.named("real-sleeper", ctx -> {
                ctx.checkpoint();
                sleepUntil(reported);
                return "slept";
            });
            Results<String> results = Concurrency.run(List.of(sleeper),
                    RunOptions.of(Strategy.EVENT_LOOP).simulated(5));
            assertThat(results.values()).containsExactly("slept");
        } finally {
            listening.close();
        }
        assertThat(reported.join().message()).contains("Thread.sleep").containsAnyOf("escapes the simulation",
                "outside its simulated run");
    }

    @Test
    void aCallbackThatBlocksTheLoopThreadIsNamed() {
        long mark = RecordedLogs.mark();
        List<RecordedLogs.Listening> listening = new ArrayList<>();
        try {
            CompletableFuture<LogEvent> reported = reportNaming("sleepy-callback", listening);
            List<Task<String>> tasks = List.of(
                    AsyncTask.named("sleepy-callback", ctx -> ctx.checkpoint().thenApply(v -> {
                        try {
                            sleepUntil(reported);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return "slept";
                    })),
                    ticker(Strategy.CALLBACK, 1), ticker(Strategy.CALLBACK, 2));

            Results<String> results = Concurrency.run(tasks, RunOptions.of(Strategy.CALLBACK));

            assertThat(results.values()).containsExactly("slept", "ticker 1", "ticker 2");
        } finally {
            listening.forEach(RecordedLogs.Listening::close);
        }
        List<LogEvent> reports = reportsNaming("sleepy-callback", mark);
        assertThat(reports).as("blocked-loop reports naming the callback's task").hasSize(1);
        assertThat(reports.get(0).message()).contains("CALLBACK", "tasks[0] 'sleepy-callback'");
        assertThat(reports.get(0).stack()).contains("Thread.sleep", "BlockedLoopTest.sleepUntil");
    }

    /**
     * A callback that blocks right after an operation of its own completed
     * inline (a write the socket took at once) is still named: completing
     * that operation does not end the task's turn.
     */
    @Test
    void aCallbackThatBlocksRightAfterAWriteThatCompletedAtOnceIsNamed() throws Exception {
        long mark = RecordedLogs.mark();
        List<RecordedLogs.Listening> listening = new ArrayList<>();
        try (EchoServer echo = EchoServer.start()) {
            CompletableFuture<LogEvent> reported = reportNaming("writer", listening);
            List<Task<String>> tasks = List.of(
                    AsyncTask.named("writer", ctx -> ctx.connect(echo.address()).thenCompose(c -> {
                        CompletionStage<Void> written = c.write("hello\n");
                        spinUntil(reported, Duration.ZERO);
                        return written.thenCompose(v -> c.readLine()).whenComplete((line, e) -> c.close());
                    })),
                    ticker(Strategy.CALLBACK, 1));

            Results<String> results = Concurrency.run(tasks, RunOptions.of(Strategy.CALLBACK));

            assertThat(results.values()).containsExactly("hello", "ticker 1");
        } finally {
            listening.forEach(RecordedLogs.Listening::close);
        }
        List<LogEvent> reports = reportsNaming("writer", mark);
        assertThat(reports).as("blocked-loop reports naming the writer").hasSize(1);
        assertThat(reports.get(0).stack()).contains("BlockedLoopTest.spinUntil");
    }

    /**
     * A ticker that counts its turns on the loop until the other task is done:
     * how far it got while the other one was in {@code Thread.sleep} shows
     * whether that sleep held the loop.
     */
    private static Task<Integer> countingTicker(AtomicInteger ticks, CompletableFuture<?> until) {
        return ctx -> {
            while (!until.isDone()) {
                ticks.incrementAndGet();
                ctx.sleep(Duration.ofMillis(1));
            }
            return -1;
        };
    }

    /**
     * A long computation that calls {@code checkpoint()} every millisecond or
     * so gives its loop to the others there: they make progress while it
     * computes, and it is not reported.
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void aLongComputationThatCallsCheckpointLetsTheOthersRunAndIsNotReported(Strategy strategy) {
        long mark = RecordedLogs.mark();
        Duration threshold = scaled(300);
        AtomicInteger ticks = new AtomicInteger();
        CompletableFuture<Void> computed = new CompletableFuture<>();
        int wanted = 20;
        Task<Integer> computation;
        if (strategy == Strategy.EVENT_LOOP) {
            computation = Task.named("checkpointing", ctx -> {
                int before = ticks.get();
                long deadline = System.nanoTime() + LONG.toNanos();
                while (ticks.get() - before < wanted && System.nanoTime() - deadline < 0) {
                    compute(Duration.ofMillis(1));
                    ctx.checkpoint();
                }
                computed.complete(null);
                return ticks.get() - before;
            });
        } else {
            computation = AsyncTask.named("checkpointing", ctx -> {
                int before = ticks.get();
                long deadline = System.nanoTime() + LONG.toNanos();
                return computeUntil(ctx, () -> ticks.get() - before >= wanted || System.nanoTime() - deadline > 0)
                        .thenApply(v -> {
                            computed.complete(null);
                            return ticks.get() - before;
                        });
            });
        }
        Task<Integer> ticker;
        if (strategy == Strategy.EVENT_LOOP) {
            ticker = countingTicker(ticks, computed);
        } else {
            ticker = (AsyncTask<Integer>) ctx -> tickUntil(ctx, ticks, computed);
        }

        Results<Integer> results = Concurrency.run(List.of(computation, ticker),
                RunOptions.of(strategy).loops(1).blockedLoopWarning(threshold));

        assertThat(results.values().get(0)).as("ticks while the computation ran").isGreaterThanOrEqualTo(wanted);
        assertThat(reportsNaming("checkpointing", mark)).as("blocked-loop reports naming the computation").isEmpty();
    }

    private static void compute(Duration slice) {
        long end = System.nanoTime() + slice.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    private static CompletionStage<Void> computeUntil(AsyncContext ctx, BooleanSupplier done) {
        if (done.getAsBoolean()) {
            return LoopTestSupport.done(null);
        }
        compute(Duration.ofMillis(1));
        return ctx.checkpoint().thenCompose(v -> computeUntil(ctx, done));
    }

    private static CompletionStage<Integer> tickUntil(AsyncContext ctx, AtomicInteger ticks,
                                                      CompletableFuture<?> until) {
        if (until.isDone()) {
            return LoopTestSupport.done(-1);
        }
        ticks.incrementAndGet();
        return ctx.sleep(Duration.ofMillis(1)).thenCompose(v -> tickUntil(ctx, ticks, until));
    }

    @Test
    void underTheBatonAPlainThreadSleepHoldsTheLoopAndIsNamed() throws Exception {
        assumeTrue(LoopTestSupport.fallbackSuite(), "baton coroutines run without the JVM flag only");
        long mark = RecordedLogs.mark();
        AtomicInteger ticks = new AtomicInteger();
        CompletableFuture<Void> sleeperDone = new CompletableFuture<>();
        List<RecordedLogs.Listening> listening = new ArrayList<>();
        try {
            CompletableFuture<LogEvent> reported = reportNaming("thread-sleeper", listening);
            List<Task<Integer>> tasks = List.of(
                    countingTicker(ticks, sleeperDone),
                    Task.named("thread-sleeper", ctx -> {
                        try {
                            int before = ticks.get();
                            sleepUntil(reported);
                            return ticks.get() - before;
                        } finally {
                            sleeperDone.complete(null);
                        }
                    }));

            Results<Integer> results = Concurrency.run(tasks, RunOptions.of(Strategy.EVENT_LOOP));

            assertThat(results.values().get(1)).as("ticks while the other task was in Thread.sleep").isZero();
        } finally {
            listening.forEach(RecordedLogs.Listening::close);
        }
        List<LogEvent> reports = reportsNaming("thread-sleeper", mark);
        assertThat(reports).as("blocked-loop reports naming the sleeper").hasSize(1);
        assertThat(reports.get(0).message()).contains("tasks[1] 'thread-sleeper'");
        assertThat(reports.get(0).stack()).contains("Thread.sleep", "BlockedLoopTest.sleepUntil");
    }

    @Test
    void onTheFastPathAPlainThreadSleepParksOnlyItsTask() {
        assumeFalse(LoopTestSupport.fallbackSuite(), "the fast path needs the JVM flag");
        long mark = RecordedLogs.mark();
        Duration threshold = scaled(300);
        AtomicInteger ticks = new AtomicInteger();
        CompletableFuture<Void> sleeperDone = new CompletableFuture<>();
        List<Task<Integer>> tasks = List.of(
                countingTicker(ticks, sleeperDone),
                Task.named("thread-sleeper", ctx -> {
                    try {
                        int before = ticks.get();
                        long deadline = System.nanoTime() + LONG.toNanos();
                        do {
                            Thread.sleep(threshold.multipliedBy(3).toMillis());
                        } while (ticks.get() - before < 3 && System.nanoTime() - deadline < 0);
                        return ticks.get() - before;
                    } finally {
                        sleeperDone.complete(null);
                    }
                }));

        Results<Integer> results = Concurrency.run(tasks,
                RunOptions.of(Strategy.EVENT_LOOP).blockedLoopWarning(threshold));

        assertThat(results.values().get(1)).as("ticks while the other task was in Thread.sleep")
                .isGreaterThanOrEqualTo(3);
        assertThat(reportsNaming("thread-sleeper", mark)).as("blocked-loop reports naming the sleeper").isEmpty();
    }

    @Test
    void aBlockingJavaIoReadCompletesCorrectly() throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            InetSocketAddress address = echo.address();
            for (int run = 0; run < 2; run++) {
                List<Task<String>> tasks = List.of(
                        ctx -> blockingRoundTrip(address, "first"),
                        ticker(Strategy.EVENT_LOOP, 1),
                        ctx -> blockingRoundTrip(address, "second"));
                assertThat(Concurrency.run(tasks, Strategy.EVENT_LOOP).values())
                        .as("run %d", run).containsExactly("first", "ticker 1", "second");
            }
            // The JDK's I/O pollers still serve other virtual threads once the loops are gone.
            List<Task<String>> after = List.of(ctx -> blockingRoundTrip(address, "after"));
            assertThat(Concurrency.run(after, Strategy.VIRTUAL_THREAD).values()).containsExactly("after");
        }
    }

    private static String blockingRoundTrip(InetSocketAddress address, String line) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) LONG.toMillis());
            socket.setSoTimeout((int) LONG.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            return in.readLine();
        }
    }

    /** Whether a stack frame is the scheduler's work once a task's code has returned. */
    private static boolean isAfterTheTasksCode(StackTraceElement frame) {
        return frame.getClassName().startsWith("dev.concurrency.internal.Admission")
                || frame.getClassName().startsWith("dev.concurrency.internal.TaskScheduler")
                && frame.getMethodName().equals("ended");
    }

    /**
     * Recording a task's end and starting the batch's next tasks is the
     * library's work: it may run on a loop, in the turn of the task whose end
     * freed a permit, and must never be reported against that task. (Once 100,000 empty tasks had
     * {@code tasks[0]} named for about 100 ms: the scheduler was starting the
     * others in its turn.)
     */
    @ParameterizedTest
    @MethodSource("strategies")
    void startingTheOtherTasksIsNotBlamedOnTheTaskWhoseEndStartedThem(Strategy strategy) {
        long mark = RecordedLogs.mark();
        int n = 100_000 * LoopTestSupport.STRESS;
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int value = i;
            tasks.add(strategy == Strategy.EVENT_LOOP ? ctx -> value
                    : (AsyncTask<Integer>) ctx -> CompletableFuture.completedFuture(value));
        }

        for (RunOptions options : List.of(RunOptions.of(strategy), RunOptions.of(strategy).maxConcurrency(64))) {
            assertThat(Concurrency.run(tasks, options).values()).as(options.toString()).hasSize(n);
        }

        // what follows a task's code (recording its end, starting the next tasks) never counts as its turn;
        // a report from the OS or the GC stalling the loop elsewhere, on this busy machine, is not this test's
        assertThat(reportsSince(mark)).as("blocked-loop reports from after a task's code returned")
                .filteredOn(report -> report.throwable() != null && java.util.Arrays.stream(
                        report.throwable().getStackTrace()).anyMatch(BlockedLoopTest::isAfterTheTasksCode))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void noBlockedLoopWarningReportsNothing(Strategy strategy) {
        long mark = RecordedLogs.mark();
        Duration hold = RunOptions.DEFAULT_BLOCKED_LOOP_WARNING.multipliedBy(3);
        List<String> threadsMeanwhile = new ArrayList<>();
        Task<String> hog;
        if (strategy == Strategy.EVENT_LOOP) {
            hog = Task.named("cpu-hog", ctx -> hold(hold, threadsMeanwhile));
        } else {
            hog = AsyncTask.named("cpu-hog", ctx -> LoopTestSupport.done(hold(hold, threadsMeanwhile)));
        }

        Results<String> results = Concurrency.run(List.of(hog, ticker(strategy, 1)),
                RunOptions.of(strategy).noBlockedLoopWarning());

        assertThat(results.values()).containsExactly("held", "ticker 1");
        assertThat(threadsMeanwhile).as("library threads while the hog held the loop")
                .isNotEmpty().noneMatch(name -> name.contains("watchdog"));
        assertThat(reportsSince(mark)).as("blocked-loop reports").isEmpty();
    }

    private static String hold(Duration hold, List<String> threadsMeanwhile) {
        threadsMeanwhile.addAll(LoopTestSupport.liveLoopThreads());
        long end = System.nanoTime() + hold.toNanos();
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
        return "held";
    }
}
