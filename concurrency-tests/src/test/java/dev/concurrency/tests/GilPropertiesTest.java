package dev.concurrency.tests;

import static dev.concurrency.tests.TestSupport.LONG;
import static dev.concurrency.tests.TestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.concurrency.Concurrency;
import dev.concurrency.Gil;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.testkit.JqwikArbitraries;
import dev.concurrency.testkit.Outcomes;
import dev.concurrency.testkit.TaskSpec;
import dev.concurrency.testkit.TaskSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the emulated interpreter lock over random task mixes under
 * THREAD and VIRTUAL_THREAD, with each kind of lock: task code never runs in
 * two tasks at the same instant, every task finishes, and the outcomes are
 * those of a run without the lock.
 */
class GilPropertiesTest {

    @Provide
    Arbitrary<List<TaskSpec>> mixes() {
        return JqwikArbitraries.mixes(8);
    }

    @Provide
    Arbitrary<Strategy> strategies() {
        return Arbitraries.of(Strategy.THREAD, Strategy.VIRTUAL_THREAD);
    }

    @Provide
    Arbitrary<Gil> gils() {
        return Arbitraries.of(Gil.python3(), Gil.python3(Duration.ofMillis(1)), Gil.python3(Duration.ofNanos(100_000)),
                Gil.python2(), Gil.python2(5));
    }

    @Property
    void taskCodeNeverRunsInTwoTasksAtOnceAndOutcomesAreThoseWithoutALock(
            @ForAll("mixes") List<TaskSpec> mix, @ForAll("strategies") Strategy strategy, @ForAll("gils") Gil gil) {
        assertTimeoutPreemptively(LONG.multipliedBy(2), () -> {
            AtomicInteger inCode = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            List<Task<Long>> tasks = new ArrayList<>();
            for (Task<Long> task : TaskSpecs.toTasks(mix)) {
                tasks.add(Task.named(task.name(), ctx -> task.run(new Watched(ctx, inCode, overlaps))));
            }
            RunOptions options = RunOptions.of(strategy).taskTimeout(TIMEOUT);
            Results<Long> without = Concurrency.run(tasks, options);
            inCode.set(0);
            overlaps.set(0);
            Results<Long> with = Concurrency.run(tasks, options.gil(gil));
            assertThat(overlaps).as("moments two tasks ran task code at once").hasValue(0);
            assertThat(Outcomes.describeAll(with.outcomes()))
                    .as("outcomes with %s against none", gil)
                    .containsExactlyElementsOf(Outcomes.describeAll(without.outcomes()));
            assertThat(with.outcomes()).hasSameSizeAs(mix).doesNotContainNull();
        });
    }

    /**
     * A context that marks the task's code as running between its waits: the
     * mark is taken after each wait returns (the lock is held again) and
     * dropped before the next wait or checkpoint.
     */
    private record Watched(TaskContext ctx, AtomicInteger inCode, AtomicInteger overlaps) implements TaskContext {

        private void enter() {
            if (inCode.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            inCode.decrementAndGet();
        }

        @Override
        public dev.concurrency.TaskInfo task() {
            return ctx.task();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            enter();
            ctx.sleep(duration);
            enter();
        }

        @Override
        public void checkpoint() throws InterruptedException {
            enter();
            ctx.checkpoint();
            enter();
        }

        @Override
        public <V> V await(java.util.concurrent.CompletionStage<V> stage)
                throws InterruptedException, java.util.concurrent.ExecutionException {
            enter();
            V value = ctx.await(stage);
            enter();
            return value;
        }

        @Override
        public <V> V blocking(java.util.concurrent.Callable<V> work) throws Exception {
            enter();
            return ctx.blocking(work);
        }

        @Override
        public dev.concurrency.Connection connect(java.net.InetSocketAddress address) throws java.io.IOException {
            enter();
            return ctx.connect(address);
        }

        @Override
        public <V> V call(dev.concurrency.AsyncTask<V> task) throws Exception {
            enter();
            V value = ctx.call(task);
            enter();
            return value;
        }

        @Override
        public <V> V withTimeout(Duration timeout, java.util.concurrent.Callable<V> body) throws Exception {
            return ctx.withTimeout(timeout, body);
        }

        @Override
        public <V> dev.concurrency.TaskGroup<V> group() {
            return ctx.group();
        }

        @Override
        public dev.concurrency.Listener listen(java.net.InetSocketAddress address) throws java.io.IOException {
            return ctx.listen(address);
        }

        @Override
        public boolean isCancelled() {
            return ctx.isCancelled();
        }
    }
}
