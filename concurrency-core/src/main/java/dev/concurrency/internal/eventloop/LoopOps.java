package dev.concurrency.internal.eventloop;

import dev.concurrency.internal.engine.CompensatingPool;
import dev.concurrency.internal.engine.Durations;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * The waits of the loop strategies, in callback form, shared by the coroutine
 * and the callback contexts. Each arms an operation on the loop and returns
 * how to disarm it (a cancelled task removes its timer, forgets its stage,
 * interrupts its blocking work). Call on the loop; callbacks run on the loop.
 */
final class LoopOps {

    private LoopOps() {
    }

    /** Completes after {@code duration}; zero yields to whatever is ready first. */
    static Runnable sleep(EventLoop loop, Duration duration, Callback<Void> callback) {
        assert loop.inLoop();
        if (duration.isZero()) {
            Armed armed = new Armed();
            loop.execute(() -> {
                if (armed.on) callback.complete(null, null);
            });
            return armed::off;
        }
        LoopTimer timer = loop.schedule(Durations.delayNanos(duration), () -> callback.complete(null, null));
        return timer::cancel;
    }

    /** Completes, on the loop, when the stage does. */
    static <V> Runnable await(EventLoop loop, CompletionStage<V> stage, Callback<V> callback) {
        Armed armed = new Armed();
        stage.whenComplete((value, error) -> loop.execute(() -> {
            if (armed.on) callback.complete(value, unwrap(error));
        }));
        return armed::off;
    }

    /**
     * Runs {@code work} on the blocking executor (a pool, or in place on a task's own thread) and
     * completes, on the loop, with its result. Disarming it cancels the work; if the work was
     * running then, a {@link CompensatingPool} adds a thread in its place until it returns, so
     * work that ignores interrupts never holds up other tasks' blocking calls.
     */
    static <V> Runnable blocking(EventLoop loop, Executor pool, Callable<V> work, Callback<V> callback) {
        Armed armed = new Armed();
        BlockingJob job = new BlockingJob(pool instanceof CompensatingPool p ? p : null);
        FutureTask<Void> future = new FutureTask<>(() -> {
            job.begin();
            V value = null;
            Throwable error = null;
            try {
                value = work.call();
            } catch (Throwable t) {
                error = t;
            } finally {
                job.end();
            }
            V v = value;
            Throwable e = error;
            loop.execute(() -> {
                if (armed.on) callback.complete(v, e);
            });
        }, null);
        pool.execute(future);
        return () -> {
            armed.off();
            future.cancel(true);
            job.cancelled();
        };
    }

    /** Where a piece of blocking work is, so that a cancellation while it runs is made up for once. */
    private static final class BlockingJob {
        private final CompensatingPool pool;
        private boolean running;
        private boolean compensated;

        BlockingJob(CompensatingPool pool) {
            this.pool = pool;
        }

        synchronized void begin() {
            running = true;
        }

        synchronized void end() {
            running = false;
            if (compensated) {
                pool.release();
            }
        }

        synchronized void cancelled() {
            if (running && pool != null && !compensated) {
                compensated = true;
                pool.compensate();
            }
        }
    }

    /**
     * @param error a stage's failure
     * @return the failure itself rather than the {@link CompletionException} around it
     */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Whether an operation still wants its completion. Accessed only on the loop. */
    private static final class Armed {
        boolean on = true;

        void off() {
            on = false;
        }
    }
}
