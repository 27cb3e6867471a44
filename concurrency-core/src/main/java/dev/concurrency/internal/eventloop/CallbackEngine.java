package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncTask;
import dev.concurrency.Outcome;
import dev.concurrency.RunOptions;
import dev.concurrency.internal.engine.Engine;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.gil.GilHolder;
import java.util.concurrent.CompletionStage;

/**
 * {@link dev.concurrency.Strategy#CALLBACK}: {@link AsyncTask}s started on
 * {@code loops(n)} selector loops; every stage of their contexts completes on
 * the loop, so their callbacks run there, one at a time. A task counts as
 * running until its stage completes; cancelling it disarms its pending
 * operations, closes its connections and ends it at once.
 */
public final class CallbackEngine implements Engine {

    private final LoopGroup group;

    /**
     * @param options the runner's options
     * @param name    the prefix of the threads' names
     */
    public CallbackEngine(RunOptions options, String name) {
        this.group = new LoopGroup(options, name);
    }

    @Override
    public void start(Execution<?> execution) {
        EventLoop loop = group.next();
        loop.execute(() -> begin(execution, loop));
    }

    private <T> void begin(Execution<T> execution, EventLoop loop) {
        CallbackContext context = new CallbackContext(execution.info(), loop, group.blockingPool(), execution.gil());
        Runnable end = () -> execution.finish(null, context::release);
        if (!execution.begin(() -> loop.execute(() -> {
            context.cancel();
            end.run();
        }))) {
            return;
        }
        loop.running(execution.info());
        GilHolder gil = execution.gil();
        if (gil != null) {
            gil.acquire();
        }
        try {
            CompletionStage<T> stage = ((AsyncTask<T>) execution.task()).start(context);
            if (stage == null) {
                throw new NullPointerException(execution.info() + " returned a null stage from start(ctx)");
            }
            stage.whenComplete((value, error) -> {
                Outcome<T> outcome = error == null
                        ? new Outcome.Success<>(value) : new Outcome.Failure<>(LoopOps.unwrap(error));
                if (loop.inLoop()) {
                    execution.finish(outcome, context::release);
                } else {
                    loop.execute(() -> execution.finish(outcome, context::release));
                }
            });
        } catch (Throwable t) {
            execution.finish(new Outcome.Failure<>(t), context::release);
        } finally {
            if (gil != null) {
                gil.release();
            }
            loop.running(null);
        }
    }

    @Override
    public int liveThreads() {
        return group.liveThreads();
    }

    @Override
    public void shutdown() {
        group.shutdown();
    }

    @Override
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        return group.joinAll(System.nanoTime() + timeoutNanos);
    }
}
