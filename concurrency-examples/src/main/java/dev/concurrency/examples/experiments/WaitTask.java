package dev.concurrency.examples.experiments;

import dev.concurrency.AsyncContext;
import dev.concurrency.AsyncTask;
import dev.concurrency.Task;
import dev.concurrency.TaskContext;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A task that only waits, in direct style: {@link TaskContext#sleep}. Its
 * value is {@code true}. Immutable, so one instance can stand for many tasks.
 *
 * @param duration how long it waits
 */
record WaitTask(Duration duration) implements Task<Boolean> {

    @Override
    public Boolean run(TaskContext ctx) throws InterruptedException {
        ctx.sleep(duration);
        return true;
    }

    @Override
    public String name() {
        return "wait";
    }

    /**
     * The same in callback style, for {@code CALLBACK}: a stage of
     * {@link AsyncContext#sleep}.
     *
     * @param duration how long it waits
     */
    record Async(Duration duration) implements AsyncTask<Boolean> {
        @Override
        public CompletionStage<Boolean> start(AsyncContext ctx) {
            return ctx.sleep(duration).thenApply(v -> true);
        }

        @Override
        public String name() {
            return "wait (AsyncTask)";
        }
    }
}
