package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run returns within its deadline (or its tasks' timeouts) plus a grace,
 * whatever its tasks do: a task that ignores its cancellation is abandoned,
 * its outcome stands, {@code Stats.abandoned()} counts it, and its thread is
 * left to finish on its own. Each test releases what its task waits for at
 * the end and waits for that thread, so nothing outlives the test.
 */
@Timeout(60)
class AbandonmentTest {

    /** Waits for the latch, ignoring interrupts, as code that swallows them does. */
    static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"THREAD", "VIRTUAL_THREAD", "EVENT_LOOP"})
    void aTaskIgnoringItsTimeoutIsAbandonedAndTheRunReturns(Strategy strategy) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> stuck = new CompletableFuture<>();
        Duration limit = TestSupport.scaled(200);
        try {
            Task<String> deaf = deaf(stuck, release);
            Results<String> results = Concurrency.run(List.of(deaf, ctx -> "fine"),
                    RunOptions.of(strategy).taskTimeout(limit));
            assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(limit), new Outcome.Success<>("fine"));
            assertThat(results.stats().abandoned()).isEqualTo(1);
            assertThat(stuck.get().isAlive()).as("the abandoned thread is left to finish on its own").isTrue();
        } finally {
            release.countDown();
        }
        assertEndsOnItsOwn(stuck.get());
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"THREAD", "VIRTUAL_THREAD", "EVENT_LOOP"})
    void aTaskIgnoringTheRunsDeadlineIsAbandonedAndTheRunReturns(Strategy strategy) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> stuck = new CompletableFuture<>();
        Duration deadline = TestSupport.scaled(300);
        try {
            Task<String> deaf = deaf(stuck, release);
            Results<String> results = Concurrency.run(List.of(deaf), RunOptions.of(strategy).deadline(deadline));
            assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(deadline));
            assertThat(results.stats().abandoned()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        assertEndsOnItsOwn(stuck.get());
    }

    /** A task that records its thread, then waits for {@code release} ignoring interrupts. */
    private static Task<String> deaf(CompletableFuture<Thread> stuck, CountDownLatch release) {
        return ctx -> {
            stuck.complete(Thread.currentThread());
            awaitIgnoringInterrupts(release);
            return "too late";
        };
    }

    /** Once released, abandoned code ends on its own (bounded wait). */
    private static void assertEndsOnItsOwn(Thread thread) throws InterruptedException {
        thread.join(Duration.ofSeconds(30));
        assertThat(thread.isAlive()).as("%s has ended", thread).isFalse();
    }

    /**
     * Blocking work that ignores interrupts, off a loop: the task ends at its
     * timeout, and the run (and its runner) do not wait for the work after a
     * grace: its thread is abandoned.
     */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"EVENT_LOOP", "CALLBACK"})
    void blockingWorkIgnoringInterruptsDoesNotHoldTheRun(Strategy strategy) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> stuck = new CompletableFuture<>();
        Duration limit = TestSupport.scaled(200);
        try {
            java.util.concurrent.Callable<String> deaf = () -> {
                stuck.complete(Thread.currentThread());
                awaitIgnoringInterrupts(release);
                return "too late";
            };
            AsyncTask<String> async = ctx -> ctx.blocking(deaf);
            Task<String> direct = ctx -> ctx.blocking(deaf);
            Results<String> results = Concurrency.run(List.of(TestSupport.sharedForm(strategy, direct, async)),
                    RunOptions.of(strategy).taskTimeout(limit));
            assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(limit));
        } finally {
            release.countDown();
        }
        assertEndsOnItsOwn(stuck.get());
    }

    /**
     * Blocking work that ignores interrupts keeps its pool thread after its
     * task is cancelled; the loops' blocking pool (64 threads) makes up for
     * each such thread, so even 64 of them do not hold up another task's
     * blocking call.
     */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"EVENT_LOOP", "CALLBACK"})
    void blockingWorkIgnoringInterruptsDoesNotHoldOtherTasksBlockingCalls(Strategy strategy) throws Exception {
        int poolSize = 64;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allStuck = new CountDownLatch(poolSize);
        List<Thread> stuck = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.Callable<String> deaf = () -> {
            stuck.add(Thread.currentThread());
            allStuck.countDown();
            awaitIgnoringInterrupts(release);
            return "too late";
        };
        java.util.concurrent.Callable<String> quick = () -> "ran";
        try (dev.concurrency.Runner runner = Concurrency.open(RunOptions.of(strategy).noBlockedLoopWarning())) {
            List<CompletableFuture<String>> held = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < poolSize; i++) {
                    held.add(runner.submit(TestSupport.sharedForm(strategy, ctx -> ctx.blocking(deaf),
                            ctx -> ctx.blocking(deaf))));
                }
                assertThat(allStuck.await(30, TimeUnit.SECONDS)).as("every pool thread is held").isTrue();
                held.forEach(f -> f.cancel(true));
                String said = runner.submit(TestSupport.sharedForm(strategy, ctx -> ctx.blocking(quick),
                        ctx -> ctx.blocking(quick))).get(10, TimeUnit.SECONDS);
                assertThat(said).isEqualTo("ran");
            } finally {
                release.countDown();
            }
        }
        for (Thread thread : stuck) {
            assertEndsOnItsOwn(thread);
        }
    }

    /**
     * A callback that blocks its loop thread, ignoring interrupts: the
     * cancellation cannot reach it through the loop, so the task is abandoned
     * after the grace, the run returns, and the held loop is abandoned too
     * rather than waited for.
     */
    @org.junit.jupiter.api.Test
    void aCallbackBlockingItsLoopIsAbandonedWithTheLoop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Thread> stuck = new CompletableFuture<>();
        Duration limit = TestSupport.scaled(200);
        try {
            AsyncTask<String> blocker = ctx -> {
                stuck.complete(Thread.currentThread());
                awaitIgnoringInterrupts(release);
                return CompletableFuture.completedFuture("too late");
            };
            Results<String> results = Concurrency.run(List.of(blocker),
                    RunOptions.of(Strategy.CALLBACK).taskTimeout(limit).noBlockedLoopWarning());
            assertThat(results.outcomes()).containsExactly(new Outcome.TimedOut<>(limit));
            assertThat(results.stats().abandoned()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        assertEndsOnItsOwn(stuck.get()); // the loop, once let go
    }

    /**
     * Under the baton fallback a task that blocks on a monitor held by a
     * suspended task keeps the loop, so the holder's timer cannot fire: the
     * blocked task is abandoned at its timeout plus the grace, the loop takes
     * itself back, the holder is cancelled and lets go, and everything ends.
     * (On the fast path the blocked virtual thread gives its loop back, so
     * nothing deadlocks.)
     */
    @org.junit.jupiter.api.Test
    void aTaskBlockedOnAMonitorHeldAcrossASuspensionDoesNotDeadlockTheLoop() throws Exception {
        Object monitor = new Object();
        CountDownLatch holding = new CountDownLatch(1);
        List<Thread> coroutines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Duration limit = TestSupport.scaled(300);
        Task<String> holder = ctx -> {
            coroutines.add(Thread.currentThread());
            synchronized (monitor) {
                holding.countDown();
                ctx.sleep(Duration.ofSeconds(60));
            }
            return "holder woke";
        };
        Task<String> blocked = ctx -> {
            coroutines.add(Thread.currentThread());
            awaitIgnoringInterrupts(holding);
            synchronized (monitor) {
                return "entered";
            }
        };
        long started = System.nanoTime();
        Results<String> results = Concurrency.run(List.of(holder, blocked),
                RunOptions.of(Strategy.EVENT_LOOP).loops(1).taskTimeout(limit));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit.plusSeconds(10));
        assertThat(results.outcome(0)).isEqualTo(new Outcome.TimedOut<>(limit));
        assertThat(results.outcome(1)).isIn(new Outcome.TimedOut<>(limit), new Outcome.Success<>("entered"));
        for (Thread coroutine : coroutines) {
            assertEndsOnItsOwn(coroutine);
        }
    }
}
