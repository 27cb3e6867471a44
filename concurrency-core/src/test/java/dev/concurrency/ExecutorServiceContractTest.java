package dev.concurrency;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Concurrency#executor} honours the {@link ExecutorService} contract as
 * the JDK's own executors do, under every {@link Strategy}.
 *
 * <p>Synchronisation is by latches and futures only. {@link #LONG_DELAY} bounds
 * waits for things that must happen (and is never reached when they do);
 * {@link #SHORT_DELAY} is the time given to things that must not happen, or
 * the timeout of timed operations whose tasks block until interrupted, so no
 * outcome depends on how fast the machine is. Every executor a test opens is
 * shut down after it, and no thread of it may be left alive.
 */
@Timeout(60)
class ExecutorServiceContractTest {

    /** Bounds waits for what must happen; reached only when a test fails. */
    private static final Duration LONG_DELAY = Duration.ofSeconds(10);
    /** Given to what must not happen, and to timed operations that must time out. */
    private static final Duration SHORT_DELAY = Duration.ofMillis(50);

    /**
     * An executor's thread: {@code concurrency-<n>-thread-<k>} (a pool's), or {@code concurrency-<n>-virtual} and
     * {@code concurrency-<n>-loop-<k>-task} (virtual threads, one name for all of a runner's).
     */
    private static final Pattern EXECUTOR_THREAD = Pattern.compile("(concurrency-\\d+-)(thread-\\d+|virtual|(loop-\\d+-)?task)");

    private final List<ExecutorService> executors = new ArrayList<>();
    /** Every thread that ran a task of this test. */
    private final Set<Thread> threadsUsed = ConcurrentHashMap.newKeySet();

    /**
     * The strategies these scenarios cover: every one with an executor (not
     * CALLBACK, which has none), run in this JVM. Not PROCESS: these scenarios
     * hand the executor Runnables and Callables that share latches, counters and
     * thread sets with the test, which a worker process would get copies of (or
     * could not get at all: a plain lambda is not Serializable). An executor for
     * PROCESS needs scenarios of its own, with serializable tasks.
     */
    static List<Strategy> executorStrategies() {
        // CALLBACK runs AsyncTasks only; PROCESS and CLUSTER have no executor (a Runnable's effects would stay
        // in the other JVM), and CLUSTER's provider is in another module
        return java.util.Arrays.stream(Strategy.values())
                .filter(s -> s != Strategy.CALLBACK && s != Strategy.PROCESS && s != Strategy.CLUSTER)
                .toList();
    }

    @AfterEach
    void shutDownExecutorsAndCheckNoThreadIsLeft() throws InterruptedException {
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).as("%s terminated", executor).isTrue();
        }
        assertNoThreadLeft();
    }

    // ---------------------------------------------------------------- submit, execute, results and failures

    @org.junit.jupiter.api.Test
    void processHasNoExecutorAndSaysWhatToUseInstead() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Concurrency.executor(Strategy.PROCESS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Concurrency.open(Strategy.PROCESS)");
    }

    @org.junit.jupiter.api.Test
    void callbackHasNoExecutorAndSaysWhatToUseInstead() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Concurrency.executor(Strategy.CALLBACK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CALLBACK runs AsyncTasks")
                .hasMessageContaining("Concurrency.open(Strategy.CALLBACK)");
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void submitAndExecuteRunTheirTasks(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        CountDownLatch executed = new CountDownLatch(1);

        Future<String> callable = executor.submit(() -> "callable");
        Future<?> runnable = executor.submit(() -> { });
        Future<String> runnableWithResult = executor.submit(() -> { }, "given");
        executor.execute(executed::countDown);

        assertThat(callable.get(LONG_DELAY.toMillis(), MILLISECONDS)).isEqualTo("callable");
        assertThat(runnable.get(LONG_DELAY.toMillis(), MILLISECONDS)).isNull();
        assertThat(runnableWithResult.get(LONG_DELAY.toMillis(), MILLISECONDS)).isEqualTo("given");
        assertThat(executed.await(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(List.of(callable, runnable, runnableWithResult))
                .allSatisfy(f -> assertThat(f.isDone() && !f.isCancelled()).isTrue());
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void nullTasksThrowNullPointerException(Strategy strategy) {
        ExecutorService executor = open(strategy);

        assertThatThrownBy(() -> executor.execute(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> executor.submit((Runnable) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> executor.submit((Callable<?>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> executor.invokeAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> executor.invokeAny(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void failuresAreWrappedInExecutionExceptionWithTheOriginalCause(Strategy strategy) {
        ExecutorService executor = open(strategy);
        IOException checked = new IOException("checked");
        IllegalStateException unchecked = new IllegalStateException("unchecked");
        AssertionError error = new AssertionError("error");

        Future<?> checkedFuture = executor.submit((Callable<Object>) () -> { throw checked; });
        Future<?> uncheckedFuture = executor.submit((Runnable) () -> { throw unchecked; });
        Future<?> errorFuture = executor.submit((Callable<Object>) () -> { throw error; });

        assertFailsWith(checkedFuture, checked);
        assertFailsWith(uncheckedFuture, unchecked);
        assertFailsWith(errorFuture, error);
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void executeOfAFailingRunnableLeavesTheExecutorUsable(Strategy strategy) throws Exception {
        ExecutorService executor = open(RunOptions.of(strategy).maxConcurrency(1));
        CountDownLatch ran = new CountDownLatch(1);

        executor.execute(() -> {
            ran.countDown();
            throw new IllegalStateException("thrown on purpose by a test: expected to be logged");
        });

        assertThat(ran.await(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(executor.submit(() -> "next").get(LONG_DELAY.toMillis(), MILLISECONDS)).isEqualTo("next");
    }

    // ---------------------------------------------------------------- cancellation

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void cancelTrueInterruptsTheRunningTask(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        Held task = new Held();

        Future<?> future = executor.submit(task);
        task.awaitStart();

        assertThat(future.cancel(true)).isTrue();
        assertThat(task.wasInterrupted()).isTrue();
        assertThat(future.isCancelled()).isTrue();
        assertThat(future.isDone()).isTrue();
        assertThatThrownBy(future::get).isInstanceOf(CancellationException.class);
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void aTaskCancelledBeforeItStartsNeverRuns(Strategy strategy) throws Exception {
        ExecutorService executor = open(RunOptions.of(strategy).maxConcurrency(1));
        Held blocker = new Held();
        AtomicBoolean ran = new AtomicBoolean();

        executor.execute(blocker);
        blocker.awaitStart();
        Future<?> queued = executor.submit(() -> ran.set(true));
        assertThat(queued.cancel(false)).isTrue();
        blocker.release();
        executor.shutdown();

        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(ran).isFalse();
        assertThat(queued.isCancelled()).isTrue();
    }

    // ---------------------------------------------------------------- invokeAll

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void invokeAllReturnsCompletedFuturesInTaskOrder(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        IllegalStateException failure = new IllegalStateException("task 1 fails");

        List<Future<String>> futures = executor.invokeAll(List.of(
                () -> "zero", () -> { throw failure; }, () -> "two"));

        assertThat(futures).hasSize(3).allSatisfy(f -> assertThat(f.isDone()).isTrue());
        assertThat(futures.get(0).get()).isEqualTo("zero");
        assertFailsWith(futures.get(1), failure);
        assertThat(futures.get(2).get()).isEqualTo("two");
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void timedInvokeAllReturnsEveryResultWhenInTime(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);

        List<Future<Integer>> futures = executor.invokeAll(List.of(() -> 0, () -> 1, () -> 2),
                LONG_DELAY.toMillis(), MILLISECONDS);

        assertThat(futures).hasSize(3);
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).isDone()).isTrue();
            assertThat(futures.get(i).get()).isEqualTo(i);
        }
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void timedInvokeAllCancelsTheTasksNotDoneInTime(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        List<Held> tasks = List.of(new Held(), new Held());

        List<Future<String>> futures = executor.invokeAll(callables(tasks), SHORT_DELAY.toMillis(), MILLISECONDS);

        assertThat(futures).hasSize(2).allSatisfy(f -> assertThat(f.isCancelled()).isTrue());
        executor.shutdown();
        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(tasks).allSatisfy(Held::assertInterruptedIfStarted);
    }

    // ---------------------------------------------------------------- invokeAny

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void invokeAnyReturnsTheFirstSuccessAndCancelsTheOthers(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        Held blocker = new Held();
        Callable<String> failing = () -> { throw new IllegalStateException("fails"); };
        Callable<String> succeeding = () -> {
            blocker.awaitStart(); // so that the blocker runs when the others are cancelled
            return "success";
        };

        String result = executor.invokeAny(List.of(Executors.callable(blocker, "blocker"), failing, succeeding));

        assertThat(result).isEqualTo("success");
        assertThat(blocker.wasInterrupted()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void timedInvokeAnyReturnsASuccessWhenInTime(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        Callable<String> failing = () -> { throw new IllegalStateException("fails"); };

        assertThat(executor.invokeAny(List.of(failing, () -> "success"), LONG_DELAY.toMillis(), MILLISECONDS))
                .isEqualTo("success");
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void invokeAnyWithEveryTaskFailingThrowsExecutionException(Strategy strategy) {
        ExecutorService executor = open(strategy);
        List<IllegalStateException> failures = List.of(
                new IllegalStateException("0"), new IllegalStateException("1"), new IllegalStateException("2"));
        List<Callable<String>> tasks = failures.stream()
                .<Callable<String>>map(failure -> () -> { throw failure; })
                .toList();

        assertThatThrownBy(() -> executor.invokeAny(tasks))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(e.getCause()).isIn(failures));
        assertThatThrownBy(() -> executor.invokeAny(tasks, LONG_DELAY.toMillis(), MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(e.getCause()).isIn(failures));
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void timedInvokeAnyThrowsTimeoutExceptionAndCancelsTheTasks(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        List<Held> tasks = List.of(new Held(), new Held());

        assertThatThrownBy(() -> executor.invokeAny(callables(tasks), SHORT_DELAY.toMillis(), MILLISECONDS))
                .isInstanceOf(TimeoutException.class);

        executor.shutdown();
        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(tasks).allSatisfy(Held::assertInterruptedIfStarted);
    }

    // ---------------------------------------------------------------- maxConcurrency

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void maxConcurrencyIsRespected(Strategy strategy) throws Exception {
        ExecutorService executor = open(RunOptions.of(strategy).maxConcurrency(2));
        int taskCount = 6;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        Semaphore started = new Semaphore(0);
        Semaphore mayEnd = new Semaphore(0);

        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < taskCount; i++) {
            futures.add(executor.submit(() -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                started.release();
                try {
                    return mayEnd.tryAcquire(LONG_DELAY.toMillis(), MILLISECONDS);
                } finally {
                    inFlight.decrementAndGet();
                }
            }));
        }

        assertThat(started.tryAcquire(2, LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(inFlight).hasValue(2); // the others wait for a permit: none of them can have started
        for (int next = 2; next < taskCount; next++) {
            mayEnd.release(); // one ends, so exactly one more may start
            assertThat(started.tryAcquire(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        }
        mayEnd.release(2);
        for (Future<Boolean> future : futures) {
            assertThat(future.get(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        }
        assertThat(mostInFlight).hasValue(2);
    }

    // ---------------------------------------------------------------- shutdown, shutdownNow, rejection

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void shutdownRunsEveryAcceptedTaskExactlyOnce(Strategy strategy) throws Exception {
        ExecutorService executor = open(RunOptions.of(strategy).maxConcurrency(1));
        Held blocker = new Held();
        int queuedCount = 5;
        AtomicIntegerArray runs = new AtomicIntegerArray(queuedCount);

        executor.execute(blocker);
        blocker.awaitStart();
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < queuedCount; i++) {
            int index = i;
            futures.add(executor.submit(() -> {
                runs.incrementAndGet(index);
                return index;
            }));
        }
        executor.shutdown();
        blocker.release();

        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(blocker.wasInterrupted()).isFalse();
        for (int i = 0; i < queuedCount; i++) {
            assertThat(futures.get(i).get()).isEqualTo(i);
            assertThat(runs.get(i)).as("runs of task %d", i).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void tasksAreRejectedAfterShutdown(Strategy strategy) {
        ExecutorService executor = open(strategy);
        AtomicBoolean ran = new AtomicBoolean();
        Runnable runnable = () -> ran.set(true);
        Callable<Boolean> callable = () -> ran.getAndSet(true);

        executor.shutdown();

        assertThatThrownBy(() -> executor.execute(runnable)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> executor.submit(runnable)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> executor.submit(runnable, true)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> executor.submit(callable)).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> executor.invokeAll(List.of(callable))).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> executor.invokeAny(List.of(callable))).isInstanceOf(RejectedExecutionException.class);
        assertThat(ran).isFalse();
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void shutdownNowInterruptsRunningTasksAndReturnsThoseNeverStarted(Strategy strategy) throws Exception {
        ExecutorService executor = open(RunOptions.of(strategy).maxConcurrency(1));
        Held running = new Held();
        AtomicInteger queuedRuns = new AtomicInteger();
        List<Runnable> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(new Counting(queuedRuns));
        }

        executor.execute(running);
        running.awaitStart();
        queued.forEach(executor::execute);
        List<Runnable> neverStarted = executor.shutdownNow();

        assertThat(neverStarted).containsExactlyElementsOf(queued);
        assertThat(running.wasInterrupted()).isTrue();
        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(queuedRuns).hasValue(0);
        assertNoThreadLeft();
    }

    /**
     * Submitters racing {@code shutdownNow()}: once terminated, every future is
     * done or its task is among those returned; none is silently dropped (one
     * accepted between shutdownNow's passes used to end without running).
     */
    @ParameterizedTest
    @MethodSource("executorStrategies")
    void submittersRacingShutdownNowLoseNoTask(Strategy strategy) throws Exception {
        for (int round = 0; round < 20; round++) {
            ExecutorService executor = open(strategy);
            List<java.util.concurrent.Future<?>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                submitters.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < 50; i++) {
                            java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> { }, null);
                            executor.execute(task);
                            futures.add(task);
                        }
                    } catch (java.util.concurrent.RejectedExecutionException | InterruptedException e) {
                        // shut down meanwhile: the rest are rejected, as they should be
                    }
                }));
            }
            go.countDown();
            List<Runnable> returned = executor.shutdownNow();
            for (Thread submitter : submitters) {
                submitter.join(LONG_DELAY);
            }
            assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
            java.util.Set<Runnable> neverRun = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            neverRun.addAll(returned);
            synchronized (futures) {
                for (java.util.concurrent.Future<?> future : futures) {
                    assertThat(future.isDone() || neverRun.contains((Runnable) future))
                            .as("round " + round + ": a future neither done nor returned by shutdownNow").isTrue();
                }
            }
        }
        assertNoThreadLeft();
    }

    // ---------------------------------------------------------------- termination

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void awaitTerminationIsFalseUntilShutDownAndEveryTaskHasEnded(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        Held task = new Held();

        executor.execute(task);
        task.awaitStart();
        assertThat(executor.awaitTermination(SHORT_DELAY.toMillis(), MILLISECONDS)).as("not shut down").isFalse();
        executor.shutdown();
        assertThat(executor.awaitTermination(SHORT_DELAY.toMillis(), MILLISECONDS)).as("task running").isFalse();
        task.release();

        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(executor.awaitTermination(0, MILLISECONDS)).as("stays terminated").isTrue();
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void isShutdownAndIsTerminatedFollowTheLifecycle(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        Held task = new Held();

        assertThat(executor.isShutdown()).isFalse();
        assertThat(executor.isTerminated()).isFalse();
        executor.execute(task);
        task.awaitStart();
        executor.shutdown();
        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.isTerminated()).isFalse();
        executor.shutdown(); // idempotent
        task.release();

        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void anIdleExecutorTerminatesOnShutdown(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        executor.submit(this::recordThread).get(LONG_DELAY.toMillis(), MILLISECONDS);

        executor.shutdown();

        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertNoThreadLeft();
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void terminationLeavesNoThreadOfTheExecutorAlive(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(executor.submit(this::recordThread));
        }
        for (Future<?> future : futures) {
            future.get(LONG_DELAY.toMillis(), MILLISECONDS);
        }

        executor.shutdown();

        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        String kind = switch (strategy) {
            case THREAD -> "thread-\\d+";
            case VIRTUAL_THREAD -> "virtual";
            case EVENT_LOOP -> "(loop-0-)?task";
            case CALLBACK, PROCESS, CLUSTER -> throw new AssertionError(strategy + " has no executor");
        };
        assertThat(threadsUsed).isNotEmpty().allSatisfy(t -> {
            assertThat(t.getName()).matches("concurrency-\\d+-" + kind);
            assertThat(t.isVirtual()).isEqualTo(strategy != Strategy.THREAD);
        });
        assertNoThreadLeft();
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void terminationAlsoEndsTheTimerThread(Strategy strategy) throws Exception {
        Set<Thread> timersBefore = liveTimerThreads();
        ExecutorService executor = open(RunOptions.of(strategy).taskTimeout(LONG_DELAY));

        Set<Thread> timers = executor.submit(() -> {
            recordThread();
            return liveTimerThreads(); // a task with a timeout has made the timer by the time it runs
        }).get(LONG_DELAY.toMillis(), MILLISECONDS);
        timers.removeAll(timersBefore);
        executor.shutdown();

        assertThat(timers).as("the executor's timer").isNotEmpty();
        assertThat(executor.awaitTermination(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
        assertThat(timers).allSatisfy(t -> assertThat(t.isAlive()).as("%s alive", t).isFalse());
        assertNoThreadLeft();
    }

    // ---------------------------------------------------------------- close

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void closeWaitsForTheRunningTasks(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        Held task = new Held();
        CompletableFuture<Boolean> taskEndedWhenClosed = new CompletableFuture<>();

        executor.execute(task);
        task.awaitStart();
        Thread closer = Thread.ofPlatform().name("test-closer").start(() -> {
            executor.close();
            taskEndedWhenClosed.complete(task.ended.getCount() == 0);
        });
        try {
            while (!executor.isShutdown()) {
                Thread.yield(); // close() has begun once it has shut the executor down
            }
            assertThat(taskEndedWhenClosed).isNotDone(); // the task cannot end before it is released
            task.release();

            assertThat(taskEndedWhenClosed.get(LONG_DELAY.toMillis(), MILLISECONDS)).isTrue();
            assertThat(task.wasInterrupted()).isFalse();
            assertThat(executor.isTerminated()).isTrue();
            assertNoThreadLeft();
        } finally {
            task.release();
            assertThat(closer.join(LONG_DELAY)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("executorStrategies")
    void closeWhenInterruptedCancelsTheTasksAndKeepsTheInterrupt(Strategy strategy) throws Exception {
        ExecutorService executor = open(strategy);
        Held task = new Held();

        executor.execute(task);
        task.awaitStart();
        Thread.currentThread().interrupt();
        try {
            executor.close();
        } finally {
            assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        }

        assertThat(task.wasInterrupted()).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertNoThreadLeft();
    }

    // ---------------------------------------------------------------- helpers

    private ExecutorService open(Strategy strategy) {
        return open(RunOptions.of(strategy));
    }

    private ExecutorService open(RunOptions options) {
        ExecutorService executor = Concurrency.executor(options);
        executors.add(executor);
        return executor;
    }

    private void recordThread() {
        threadsUsed.add(Thread.currentThread());
    }

    private static void assertFailsWith(Future<?> future, Throwable cause) {
        assertThatThrownBy(() -> future.get(LONG_DELAY.toMillis(), MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseReference(cause);
    }

    private static List<Callable<String>> callables(List<? extends Runnable> tasks) {
        return tasks.stream().map(task -> Executors.callable(task, "ended")).toList();
    }

    /**
     * Checks that every thread that ran a task is gone, and that no platform
     * thread named after the same executors ({@code concurrency-<n>-...}) is alive.
     */
    private void assertNoThreadLeft() {
        assertThat(threadsUsed).allSatisfy(t -> assertThat(t.isAlive()).as("%s alive", t).isFalse());
        Set<String> prefixes = new HashSet<>();
        for (Thread thread : threadsUsed) {
            Matcher name = EXECUTOR_THREAD.matcher(thread.getName());
            assertThat(name.matches()).as("name of %s", thread).isTrue();
            prefixes.add(name.group(1));
        }
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> prefixes.stream().anyMatch(name::startsWith))
                .toList();
        assertThat(left).as("threads left of executors %s", prefixes).isEmpty();
    }

    private static Set<Thread> liveTimerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("concurrency-") && t.getName().endsWith("-timer"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** A task that starts, then waits until it is released or interrupted (for at most {@link #LONG_DELAY}). */
    private final class Held implements Runnable {

        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);
        private final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();

        @Override
        public void run() {
            recordThread();
            started.countDown();
            try {
                released.await(LONG_DELAY.toMillis(), MILLISECONDS);
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            } finally {
                ended.countDown();
            }
        }

        void awaitStart() throws InterruptedException {
            assertThat(started.await(LONG_DELAY.toMillis(), MILLISECONDS)).as("task started").isTrue();
        }

        void release() {
            released.countDown();
        }

        /** @return whether the task was interrupted; waits for it to end */
        boolean wasInterrupted() throws Exception {
            return interrupted.get(LONG_DELAY.toMillis(), MILLISECONDS);
        }

        /** For a task whose executor has terminated: if it ran, it was interrupted. */
        void assertInterruptedIfStarted() {
            if (started.getCount() == 0) {
                assertThat(interrupted.getNow(false)).as("started task interrupted").isTrue();
            }
        }
    }

    /** A distinct runnable (compared by identity) that counts its runs. */
    private static final class Counting implements Runnable {

        private final AtomicInteger runs;

        Counting(AtomicInteger runs) {
            this.runs = runs;
        }

        @Override
        public void run() {
            runs.incrementAndGet();
        }
    }
}
