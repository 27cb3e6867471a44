package dev.concurrency.tests;

import static dev.concurrency.tests.TestSupport.LONG;
import static dev.concurrency.tests.TestSupport.TIMEOUT;
import static dev.concurrency.tests.TestSupport.assertNoLibraryThreadAlive;
import static dev.concurrency.tests.TestSupport.form;
import static dev.concurrency.tests.TestSupport.sharedForm;
import static dev.concurrency.tests.TestSupport.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.TaskListener;
import dev.concurrency.testkit.Gate;
import dev.concurrency.testkit.Outcomes;
import dev.concurrency.testkit.Probe;
import dev.concurrency.testkit.Strategies;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every strategy does the same way: ordering, failures, limits,
 * cancellation, events and clean-up. Each scenario runs once per strategy of
 * {@link dev.concurrency.testkit.Strategies#all()}, none left out: CALLBACK
 * runs the scenario's {@link AsyncTask} form, the others its direct form
 * (see {@link TestSupport#form}).
 *
 * <p>Every task is a serialized copy, as a worker process gets it, and the
 * scenarios observe their tasks through a {@link Probe} or a {@link Gate}
 * only, so that they hold for strategies that run tasks in other processes
 * too. The few about one JVM run over {@link Strategies#sharingMemory()}.
 */
class StrategyContractTest {

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    static List<Strategy> strategiesSharingMemory() {
        return Strategies.sharingMemory();
    }

    /** A task that waits for something that never happens, in the form {@code strategy} runs. */
    private static <T> Task<T> hang(Strategy strategy) {
        return form(strategy, hang(), hangAsync());
    }

    private static <T> Task<T> hang() {
        return ctx -> ctx.await(new CompletableFuture<T>());
    }

    private static <T> AsyncTask<T> hangAsync() {
        return ctx -> ctx.await(new CompletableFuture<T>());
    }

    /** A task that arrives at {@code gate}, then hangs. */
    private static <T> Task<T> arriveAndHang(Strategy strategy, Gate gate) {
        return form(strategy, ctx -> {
            gate.arrive(ctx);
            return ctx.await(new CompletableFuture<T>());
        }, ctx -> gate.arrive(ctx).thenCompose(v -> ctx.await(new CompletableFuture<T>())));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void outcomesComeInInputOrderWhateverOrderTasksEndIn(Strategy strategy) throws Exception {
        try (Gate lastStarted = Gate.start()) {
            List<Task<String>> tasks = List.of(
                    form(strategy, ctx -> {
                        lastStarted.pass(ctx);
                        return "first, after last";
                    }, ctx -> lastStarted.pass(ctx).thenApply(v -> "first, after last")),
                    form(strategy, ctx -> "middle", ctx -> done("middle")),
                    form(strategy, ctx -> {
                        lastStarted.open(ctx);
                        return "last";
                    }, ctx -> lastStarted.open(ctx).thenApply(v -> "last")));
            Results<String> results = Concurrency.run(tasks, Strategies.options(strategy).taskTimeout(LONG));
            assertThat(results.values()).containsExactly("first, after last", "middle", "last");
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aThrowingTaskFailsAloneEvenWithAnError(Strategy strategy) {
        IllegalStateException exception = new IllegalStateException("bad state");
        AssertionError error = new AssertionError("broken invariant");
        // In callback style the exception fails a stage of the task's; the error is thrown by start itself.
        List<Task<Integer>> tasks = List.of(
                form(strategy, ctx -> 1, ctx -> done(1)),
                form(strategy, ctx -> { throw exception; },
                        ctx -> ctx.checkpoint().thenApply(v -> { throw exception; })),
                form(strategy, ctx -> { throw error; }, ctx -> { throw error; }),
                form(strategy, ctx -> 4, ctx -> done(4)));
        Results<Integer> results = Concurrency.run(tasks, Strategies.options(strategy));
        // Equal by class and message: the tasks threw copies of these, as a worker process would.
        assertThat(Outcomes.describeAll(results.outcomes())).containsExactlyElementsOf(Outcomes.describeAll(List.of(
                new Outcome.Success<>(1), new Outcome.Failure<>(exception),
                new Outcome.Failure<>(error), new Outcome.Success<>(4))));
        assertThatThrownBy(results::values).hasMessage("tasks[1] failed: java.lang.IllegalStateException: bad state");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aNullTaskIsNamedAndNothingRuns(Strategy strategy) {
        try (Probe probe = new Probe(1)) {
            Task<Integer> counted = form(strategy, probe.watch(0, ctx -> 1), probe.watchAsync(0, ctx -> done(1)));
            List<Task<Integer>> tasks = Arrays.asList(counted, counted, counted, null);
            assertThatThrownBy(() -> Concurrency.run(tasks, Strategies.options(strategy)))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("tasks[3] is null");
            assertThatThrownBy(() -> Concurrency.run(null, Strategies.options(strategy))).hasMessage("tasks is null");
            assertThat(probe.runs(0)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anEmptyListGivesEmptyResults(Strategy strategy) {
        Results<Object> results = Concurrency.run(List.of(), Strategies.options(strategy));
        assertThat(results.outcomes()).isEmpty();
        assertThat(results.stats().tasks()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTaskPastItsTimeoutTimesOutAndTheOthersFinish(Strategy strategy) {
        List<Task<String>> tasks = List.of(hang(strategy), form(strategy, ctx -> "quick", ctx -> done("quick")));
        Results<String> results = Concurrency.run(tasks, Strategies.options(strategy).taskTimeout(TIMEOUT));
        assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(TIMEOUT), new Outcome.Success<>("quick"));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theDeadlineTimesOutRunningTasksAndCancelsWaitingOnes(Strategy strategy) {
        try (Probe second = new Probe(1)) {
            List<Task<Object>> tasks = List.of(hang(strategy),
                    form(strategy, second.watch(0, ctx -> 2), second.watchAsync(0, ctx -> done(2))));
            Results<Object> results = Concurrency.run(tasks,
                    Strategies.options(strategy).maxConcurrency(1).deadline(TIMEOUT));
            assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(TIMEOUT), new Outcome.Cancelled<>());
            assertThat(second.runs(0)).isZero();
            assertThat(results.stats().tasks().get(1).startedAt()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void failFastCancelsTheRestOfTheRun(Strategy strategy) throws Exception {
        RuntimeException boom = new RuntimeException("boom");
        try (Gate hanging = Gate.start(); Probe third = new Probe(1)) {
            List<Task<Object>> tasks = List.of(
                    form(strategy, ctx -> {
                        hanging.open(ctx);
                        return ctx.await(new CompletableFuture<>());
                    }, ctx -> hanging.open(ctx).thenCompose(v -> ctx.await(new CompletableFuture<>()))),
                    form(strategy, ctx -> {
                        hanging.pass(ctx);
                        throw boom;
                    }, ctx -> hanging.pass(ctx).thenApply(v -> { throw boom; })),
                    form(strategy, third.watch(0, ctx -> 3), third.watchAsync(0, ctx -> done(3))));
            Results<Object> results = Concurrency.run(tasks, Strategies.options(strategy).maxConcurrency(2).failFast());
            assertThat(Outcomes.describeAll(results.outcomes())).containsExactlyElementsOf(Outcomes.describeAll(List.of(
                    new Outcome.Cancelled<>(), new Outcome.Failure<>(boom), new Outcome.Cancelled<>())));
            assertThat(third.runs(0)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void withoutFailFastAFailureCancelsNothing(Strategy strategy) {
        List<Task<Integer>> tasks = List.of(
                form(strategy, ctx -> { throw new RuntimeException("x"); },
                        ctx -> CompletableFuture.failedFuture(new RuntimeException("x"))),
                form(strategy, ctx -> 2, ctx -> done(2)),
                form(strategy, ctx -> 3, ctx -> done(3)));
        Results<Integer> results = Concurrency.run(tasks, Strategies.options(strategy).maxConcurrency(1));
        assertThat(results.outcomes().subList(1, 3)).containsExactly(new Outcome.Success<>(2), new Outcome.Success<>(3));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theListenerHearsEveryTaskStartAndEndBeforeRunReturns(Strategy strategy) {
        List<String> events = new CopyOnWriteArrayList<>();
        TaskListener listener = new TaskListener() {
            @Override
            public void started(TaskInfo task) {
                events.add("started " + task);
            }

            @Override
            public void finished(TaskInfo task, Outcome<?> outcome) {
                events.add("finished " + task + " " + outcome);
                throw new IllegalStateException("a broken listener is only logged");
            }
        };
        List<Task<Integer>> tasks = List.of(
                form(strategy, Task.named("one", ctx -> 1), AsyncTask.named("one", ctx -> done(1))),
                form(strategy, Task.named("two", ctx -> 2), AsyncTask.named("two", ctx -> done(2))));
        Results<Integer> results = Concurrency.run(tasks, Strategies.options(strategy).maxConcurrency(1).listener(listener));
        assertThat(results.values()).containsExactly(1, 2);
        assertThat(events).containsExactly(
                "started tasks[0] 'one'", "finished tasks[0] 'one' Success[value=1]",
                "started tasks[1] 'two'", "finished tasks[1] 'two' Success[value=2]");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void interruptingTheCallerCancelsTheRunAndKeepsTheInterrupt(Strategy strategy) throws Exception {
        try (Gate started = Gate.start()) {
            List<Task<Object>> tasks = List.of(arriveAndHang(strategy, started), arriveAndHang(strategy, started));
            AtomicReference<Results<Object>> results = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                results.set(Concurrency.run(tasks, Strategies.options(strategy)));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            try {
                assertThat(started.awaitArrivals(2, LONG)).as("both tasks started").isTrue();
            } finally {
                caller.interrupt();
                assertThat(caller.join(LONG)).isTrue();
            }
            assertThat(results.get().outcomes()).containsOnly(new Outcome.Cancelled<>());
            assertThat(stillInterrupted.get()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void limitsTasksRunningAtOnceToMaxConcurrency(Strategy strategy) {
        try (Probe probe = new Probe(30)) {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                tasks.add(form(strategy, probe.watch(i, ctx -> {
                    ctx.sleep(Duration.ofMillis(2));
                    return 0;
                }), probe.watchAsync(i, ctx -> ctx.sleep(Duration.ofMillis(2)).thenApply(v -> 0))));
            }
            Results<Integer> results = Concurrency.run(tasks,
                    Strategies.options(strategy).maxConcurrency(3).listener(probe.listener()));
            assertThat(results.allSucceeded()).isTrue();
            assertThat(probe.maxInFlight()).isBetween(1, 3);
            if (Strategies.sharingMemory().contains(strategy)) { // peak threads are this JVM's, not a worker pool's
                // A thread that has just ended its task may still be alive as its successor starts:
                // a pool never exceeds its size, a thread per task may briefly have twice the bound.
                int threadBound = strategy == Strategy.THREAD ? 3 : 6;
                assertThat(results.stats().peakThreads()).isBetween(1, threadBound);
            }
        }
    }

    /** Nor a worker process: {@code assertNoLibraryThreadAlive} checks this JVM's children too. */
    @ParameterizedTest
    @MethodSource("strategies")
    void noThreadOfTheLibraryOutlivesRun(Strategy strategy) {
        try (Probe probe = new Probe(50)) {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                // The probe sees the threads of this JVM that enter and exit a task (for an async
                // task, the one its stage completed on); tasks in another process are not among them.
                tasks.add(form(strategy, probe.watch(i, ctx -> {
                    ctx.sleep(Duration.ofMillis(1));
                    return 1;
                }), probe.watchAsync(i, ctx -> ctx.sleep(Duration.ofMillis(1)).thenApply(v -> 1))));
            }
            Results<Integer> results = Concurrency.run(tasks, Strategies.options(strategy).taskTimeout(LONG));
            assertThat(results.allSucceeded()).isTrue();
            assertNoLibraryThreadAlive(probe.threads());
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void statsDescribeTheRun(Strategy strategy) {
        List<Task<Integer>> tasks = List.of(
                form(strategy, ctx -> { ctx.sleep(Duration.ofMillis(5)); return 1; },
                        ctx -> ctx.sleep(Duration.ofMillis(5)).thenApply(v -> 1)),
                form(strategy, ctx -> 2, ctx -> done(2)));
        Results<Integer> results = Concurrency.run(tasks, Strategies.options(strategy));
        var stats = results.stats();
        assertThat(stats.tasks()).hasSize(2);
        assertThat(stats.tasks()).allSatisfy(t -> {
            assertThat(t.startedAt()).isPresent();
            assertThat(t.started()).isGreaterThanOrEqualTo(t.queued());
            assertThat(t.ended()).isGreaterThanOrEqualTo(t.started());
            assertThat(t.ended()).isLessThanOrEqualTo(stats.wallTime());
        });
        assertThat(stats.tasks().get(0).runTime()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
        if (Strategies.sharingMemory().contains(strategy)) { // peak threads are this JVM's, not a worker pool's
            assertThat(stats.peakThreads()).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void cpuTimeCoversWhatTheTasksBurned(Strategy strategy) {
        // The CPU time of the process that runs the task: under PROCESS, a worker's, which the run must count.
        Duration burn = Duration.ofMillis(50);
        Task<Long> spin = ctx -> {
            long start = processCpuTime();
            long spins = 0;
            while (processCpuTime() - start < burn.toNanos()) {
                spins++;
                ctx.checkpoint();
            }
            return spins;
        };
        // In callback style: spin for a millisecond at a time, then give the loop back at a checkpoint.
        AsyncTask<Long> spinAsync = ctx -> spinFor(ctx, processCpuTime(), burn, 0);
        Results<Long> results = Concurrency.run(List.of(form(strategy, spin, spinAsync)), Strategies.options(strategy));
        assertThat(results.allSucceeded()).isTrue();
        assertThat(results.stats().cpuTime()).isGreaterThanOrEqualTo(burn);
    }

    private static CompletionStage<Long> spinFor(AsyncContext ctx, long start, Duration burn, long spinsSoFar) {
        long spins = spinsSoFar;
        long sliceEnd = System.nanoTime() + Duration.ofMillis(1).toNanos();
        while (processCpuTime() - start < burn.toNanos()) {
            spins++;
            if (System.nanoTime() - sliceEnd >= 0) {
                long s = spins;
                return ctx.checkpoint().thenCompose(v -> spinFor(ctx, start, burn, s));
            }
        }
        return done(spins);
    }

    /** @return the CPU time of the process this runs in, in nanoseconds */
    private static long processCpuTime() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aRunnerRunsManyBatchesAndSubmittedTasks(Strategy strategy) throws Exception {
        try (Runner runner = Concurrency.open(Strategies.options(strategy))) {
            assertThat(runner.run(List.of(form(strategy, ctx -> 1, ctx -> done(1)),
                    form(strategy, ctx -> 2, ctx -> done(2)))).values()).containsExactly(1, 2);
            assertThat(runner.run(List.of(form(strategy, ctx -> 3, ctx -> done(3)))).values()).containsExactly(3);
            assertThat(runner.submit(form(strategy, ctx -> "submitted", ctx -> done("submitted")))
                    .get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("submitted");
            assertThat(runner.options().strategy()).isEqualTo(strategy);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aSubmittedTasksFailureReachesItsFuture(Strategy strategy) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        try (Runner runner = Concurrency.open(Strategies.options(strategy))) {
            CompletableFuture<Object> future = runner.submit(
                    form(strategy, ctx -> { throw boom; }, ctx -> CompletableFuture.failedFuture(boom)));
            assertThatThrownBy(() -> future.get(LONG.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).hasCause(boom);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aSubmittedTaskPastItsTimeoutFailsItsFutureNamingIt(Strategy strategy) {
        try (Runner runner = Concurrency.open(Strategies.options(strategy).taskTimeout(TIMEOUT))) {
            CompletableFuture<Object> future = runner.submit(form(strategy,
                    Task.named("slow", hang()), AsyncTask.named("slow", hangAsync())));
            assertThatThrownBy(() -> future.get(LONG.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TimeoutException.class)
                    .hasMessage("task 'slow' timed out after " + TIMEOUT);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void cancellingASubmittedTasksFutureStopsTheTaskWhereItWaits(Strategy strategy) throws Exception {
        try (Gate gate = Gate.start(); Runner runner = Concurrency.open(Strategies.options(strategy))) {
            CompletableFuture<String> future = runner.submit(form(strategy, ctx -> {
                gate.pass(ctx);
                return "passed";
            }, ctx -> gate.pass(ctx).thenApply(v -> "passed")));
            assertThat(gate.awaitArrivals(1, LONG)).as("the task started").isTrue();
            assertThat(future.cancel(true)).isTrue();
            assertThat(gate.awaitAbandoned(1, LONG)).as("the task stopped waiting at the gate").isTrue();
            assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        }
    }

    /**
     * How the task is stopped, in this JVM: its wait throws InterruptedException.
     * Not PROCESS, which kills the worker: the task is never told.
     */
    @ParameterizedTest(allowZeroInvocations = true) // none when the suite runs only PROCESS or CLUSTER
    @MethodSource("strategiesSharingMemory")
    void cancellingASubmittedTasksFutureInterruptsTheTask(Strategy strategy) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> interruptedBy = new CompletableFuture<>();
        try (Runner runner = Concurrency.open(Strategies.options(strategy))) {
            CompletableFuture<Object> future = runner.submit(sharedForm(strategy, ctx -> {
                started.countDown();
                try {
                    return ctx.await(new CompletableFuture<>());
                } catch (InterruptedException e) {
                    interruptedBy.complete("interrupted");
                    throw e;
                }
            }, ctx -> {
                started.countDown();
                return ctx.await(new CompletableFuture<>()).whenComplete((value, error) -> {
                    if (error instanceof InterruptedException) {
                        interruptedBy.complete("interrupted");
                    }
                });
            }));
            assertThat(started.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(future.cancel(true)).isTrue();
            assertThat(interruptedBy.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("interrupted");
            assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aClosedRunnerSaysHowToGoOn(Strategy strategy) {
        Runner runner = Concurrency.open(Strategies.options(strategy));
        runner.close();
        runner.close();
        Task<Integer> one = form(strategy, ctx -> 1, ctx -> done(1));
        assertThatThrownBy(() -> runner.submit(one))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this " + strategy + " runner is closed; open a new one with Concurrency.open(...)");
        assertThatThrownBy(() -> runner.run(List.of(one)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> runner.submit(null)).hasMessage("task is null");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closingARunnerWaitsForItsTasks(Strategy strategy) throws Exception {
        try (Gate release = Gate.start()) {
            CompletableFuture<Integer> future;
            Thread opener;
            try (Runner runner = Concurrency.open(Strategies.options(strategy))) {
                future = runner.submit(form(strategy, ctx -> {
                    release.pass(ctx);
                    return 7;
                }, ctx -> release.pass(ctx).thenApply(v -> 7)));
                assertThat(release.awaitArrivals(1, LONG)).as("the task started").isTrue();
                opener = Thread.ofPlatform().start(release::open);
            }
            opener.join();
            assertThat(future).isCompletedWithValue(7);
            assertThat(value(new Outcome.Success<>(future.get()))).isEqualTo(7);
        }
    }

    /** CALLBACK's own rule, which the forms above follow: it runs only AsyncTasks. */
    @Test
    void callbackRejectsADirectTaskBeforeAnythingRuns() {
        AtomicInteger ran = new AtomicInteger();
        List<Task<Integer>> tasks = List.of(
                AsyncTask.<Integer>named("async", ctx -> done(ran.incrementAndGet())),
                Task.named("direct", ctx -> ran.incrementAndGet()));
        assertThatThrownBy(() -> Concurrency.run(tasks, Strategy.CALLBACK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tasks[1] 'direct'");
        try (Runner runner = Concurrency.open(Strategy.CALLBACK)) {
            assertThatThrownBy(() -> runner.run(tasks)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> runner.submit(tasks.get(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("task 'direct'");
            assertThat(runner.run(tasks.subList(0, 1)).values()).containsExactly(1);
        }
        assertThat(ran).hasValue(1);
    }
}
