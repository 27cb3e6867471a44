package dev.concurrency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.Runner;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kit's cross-process parts observe tasks that share nothing with the
 * test: serialized copies of tasks under every in-process strategy, and a
 * task shipped to another JVM.
 */
@Timeout(60)
class CrossProcessKitTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    static List<Strategy> strategies() {
        return Strategies.sharingMemory();
    }

    /** Direct-style tasks, or their async forms for CALLBACK: each passes the gate, then returns its index. */
    private static List<Task<Integer>> passers(Strategy strategy, Gate gate, Probe probe, int n) {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            tasks.add(strategy == Strategy.CALLBACK
                    ? probe.watchAsync(i, ctx -> gate.pass(ctx).thenApply(v -> index))
                    : probe.watch(i, ctx -> {
                        gate.pass(ctx);
                        return index;
                    }));
        }
        return Serialization.copies(tasks);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void copiesOfTasksWaitAtTheGateAndReportToTheProbe(Strategy strategy) throws Exception {
        try (Gate gate = Gate.start(); Probe probe = new Probe(3)) {
            List<Task<Integer>> tasks = passers(strategy, gate, probe, 3);
            FutureTask<Results<Integer>> run = new FutureTask<>(() -> Concurrency.run(tasks, strategy));
            Thread runner = Thread.ofPlatform().name("kit-run").start(run);
            try {
                assertThat(gate.awaitArrivals(3, LONG)).as("three arrivals").isTrue();
                assertThat(probe.inFlight()).isEqualTo(3);
                assertThat(run.isDone()).isFalse();
                assertThat(gate.arrivals()).containsExactlyInAnyOrder("tasks[0]", "tasks[1]", "tasks[2]");
                gate.open();
                assertThat(run.get(LONG.toMillis(), TimeUnit.MILLISECONDS).values()).containsExactly(0, 1, 2);
            } finally {
                gate.open();
                runner.join();
            }
            assertThat(probe.inFlight()).isZero();
            assertThat(probe.maxInFlight()).isEqualTo(3);
            assertThat(List.of(probe.runs(0), probe.runs(1), probe.runs(2))).containsOnly(1);
            assertThat(probe.threads()).as("copies deserialized in this JVM report to the original").isNotEmpty();
            assertThat(gate.abandoned()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aCancelledTaskAbandonsTheGate(Strategy strategy) throws Exception {
        try (Gate gate = Gate.start(); Probe probe = new Probe(1); Runner runner = Concurrency.open(strategy)) {
            CompletableFuture<Integer> future = runner.submit(passers(strategy, gate, probe, 1).get(0));
            assertThat(gate.awaitArrivals(1, LONG)).isTrue();
            future.cancel(true);
            assertThat(gate.awaitAbandoned(1, LONG)).as("the task stopped waiting").isTrue();
            assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        }
    }

    @Test
    void aTaskOpensTheGateForAnother() throws Exception {
        try (Gate gate = Gate.start()) {
            Task<String> waits = ctx -> {
                gate.pass(ctx);
                return "passed";
            };
            AsyncTask<String> opens = ctx -> gate.open(ctx).thenApply(v -> "opened");
            Results<String> results = Concurrency.run(Serialization.copies(List.of(waits, opens)), Strategy.VIRTUAL_THREAD);
            assertThat(results.values()).containsExactly("passed", "opened");
            assertThat(gate.isOpen()).isTrue();
        }
    }

    @Test
    void aClosedGateFailsTheTasksWaitingThere() throws Exception {
        Gate gate = Gate.start();
        Task<String> waits = ctx -> {
            gate.pass(ctx);
            return "passed";
        };
        FutureTask<Results<String>> run = new FutureTask<>(() -> Concurrency.run(List.of(waits), Strategy.THREAD));
        Thread runner = Thread.ofPlatform().start(run);
        assertThat(gate.awaitArrivals(1, LONG)).isTrue();
        gate.close();
        runner.join();
        assertThat(Outcomes.describe(run.get().outcome(0))).startsWith("Failure(java.io.IOException: gate closed");
        assertThat(gate.abandoned()).as("closing is not abandoning").isZero();
    }

    /** The real thing: a task in another JVM reports to the test's probe and waits at the test's gate. */
    @Test
    void aTaskInAnotherJvmReportsToTheProbeAndWaitsAtTheGate() throws Exception {
        try (Gate gate = Gate.start(); Probe probe = new Probe(1)) {
            Task<String> task = probe.watch(0, ctx -> {
                gate.pass(ctx);
                return "passed in " + ProcessHandle.current().pid();
            });
            try (WorkerJvm.Started worker = WorkerJvm.start(task)) {
                assertThat(gate.awaitArrivals(1, LONG.multipliedBy(3))).as("the worker JVM arrived").isTrue();
                assertThat(probe.inFlight()).isEqualTo(1);
                assertThat(probe.runs(0)).isEqualTo(1);
                gate.open();
                String out = worker.awaitOutput(LONG.multipliedBy(3));
                assertThat(out).isEqualTo("Success(passed in " + worker.process().pid() + ")");
            }
            assertThat(probe.inFlight()).isZero();
            assertThat(probe.maxInFlight()).isEqualTo(1);
            assertThat(probe.threads()).as("an in-process view: the worker's threads are not here").isEmpty();
        }
    }

    @Test
    void countersAreSharedByCopiesAndTheProbeStaysOneInThisJvm() {
        try (SharedCounters counters = new SharedCounters(2); Probe probe = new Probe(1)) {
            SharedCounters copy = Serialization.copy(counters);
            copy.incrementAndGet(1);
            counters.addAndGet(1, 2);
            assertThat(copy.get(1)).isEqualTo(3);
            assertThat(counters.compareAndSet(0, 0, 5)).isTrue();
            copy.raiseTo(0, 4);
            assertThat(counters.get(0)).isEqualTo(5);
            assertThat(Serialization.copy(probe)).isSameAs(probe);
            assertThatThrownBy(() -> counters.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void theProbeCountsOutATaskThatCouldNotExit() {
        try (Probe probe = new Probe(2)) {
            probe.enter(0);
            probe.enter(1);
            probe.exit(1);
            probe.exit(1);
            assertThat(probe.inFlight()).isEqualTo(1);
            probe.listener().finished(new dev.concurrency.TaskInfo(0, ""), new dev.concurrency.Outcome.Cancelled<>());
            probe.listener().finished(new dev.concurrency.TaskInfo(dev.concurrency.TaskInfo.SUBMITTED, ""),
                    new dev.concurrency.Outcome.Cancelled<>());
            assertThat(probe.inFlight()).isZero();
            assertThat(probe.maxInFlight()).isEqualTo(2);
        }
    }

    @Test
    void aTaskThatCapturesALatchIsNotSerializableAndTheCopySaysWhy() {
        CountDownLatch latch = new CountDownLatch(1);
        Task<Boolean> task = ctx -> latch.getCount() == 0;
        assertThatThrownBy(() -> Serialization.copy(task))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.concurrent.CountDownLatch");
    }

    @Test
    void aCopyOfAGateHasNoServer() throws Exception {
        try (Gate gate = Gate.start()) {
            Gate copy = Serialization.copy(gate);
            assertThat(copy.address()).isEqualTo(gate.address());
            assertThatThrownBy(copy::open).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Gate.start()");
        }
    }
}
