package dev.concurrency.internal.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncContext;
import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskInfo;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.TaskExecution;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PROCESS slot against the race the scheduler cannot reproduce on
 * demand: a task's timeout that fires just as its result arrives kills the
 * worker through the interrupter; the slot must not hand that worker to the
 * next task.
 */
@Timeout(60)
class WorkerSlotTest {

    @Test
    void aTaskWhoseTimeoutFiresAsItEndsDoesNotHandItsKilledWorkerOn() throws Exception {
        ProcessEngine engine = new ProcessEngine(
                new EngineSetup(RunOptions.of(Strategy.PROCESS).workers(1), "concurrency-slot-test-"));
        try {
            Racing<Long> racer = new Racing<>(0, ctx -> 1L, true, () -> { });
            engine.start(racer);
            assertThat(racer.outcome.get(30, TimeUnit.SECONDS)).isEqualTo(new Outcome.Success<>(1L));
            // the racer's kill lands late: once the slot has picked a worker for the next task
            Racing<Long> next = new Racing<>(1, ctx -> 2L, false, () -> racer.interrupter.run());
            engine.start(next);
            assertThat(next.outcome.get(30, TimeUnit.SECONDS)).isEqualTo(new Outcome.Success<>(2L));
        } finally {
            engine.shutdown();
            assertThat(engine.awaitTermination(TimeUnit.SECONDS.toNanos(30))).isTrue();
        }
    }

    /**
     * An execution whose timeout, when {@code timesOutAsItEnds}, fires exactly
     * as its result arrives: it counts as cancelled, and its interrupter (which
     * kills the worker) is run by whoever the test says, as a timer thread
     * would, a moment later.
     */
    private static final class Racing<T> implements TaskExecution<T> {
        final CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
        private final TaskInfo info;
        private final Task<T> task;
        private final boolean timesOutAsItEnds;
        private final Runnable onBegin;
        volatile Runnable interrupter;
        private volatile boolean cancelled;

        Racing(int index, Task<T> task, boolean timesOutAsItEnds, Runnable onBegin) {
            this.info = new TaskInfo(index, "racing-" + index);
            this.task = task;
            this.timesOutAsItEnds = timesOutAsItEnds;
            this.onBegin = onBegin;
        }

        @Override
        public Task<T> task() {
            return task;
        }

        @Override
        public TaskInfo info() {
            return info;
        }

        @Override
        public void run(TaskContext context) {
            throw new UnsupportedOperationException("PROCESS runs tasks in workers");
        }

        @Override
        public boolean begin(Runnable interrupter) {
            this.interrupter = interrupter;
            onBegin.run();
            return true;
        }

        @Override
        public CompletionStage<T> startAsync(AsyncContext context) {
            throw new UnsupportedOperationException("PROCESS runs tasks in workers");
        }

        @Override
        public void finish(Outcome<T> result) {
            cancelled = timesOutAsItEnds;
            outcome.complete(result);
        }

        @Override
        public boolean abandon(Throwable error) {
            return outcome.complete(new Outcome.Failure<>(error));
        }

        @Override
        public boolean failToStart(Throwable error) {
            return outcome.complete(new Outcome.Failure<>(error));
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void reportGil(GilStats stats) {
        }
    }
}
