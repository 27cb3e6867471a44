package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncTask;
import dev.concurrency.Outcome;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.TaskInfo;
import dev.concurrency.spi.TaskExecution;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * How an {@link AsyncTask} runs on a loop: its {@code start} and every callback
 * on the loop, one at a time, through a {@link CallbackContext}. The same code
 * serves a task of its own (CALLBACK, and EVENT_LOOP's async tasks) and an
 * async task called from a direct-style one ({@code TaskContext.call}).
 */
final class AsyncRun {

    private AsyncRun() {
    }

    /**
     * On {@code loop}: begins an execution whose task is an {@code AsyncTask}. It
     * counts as running until its stage completes; cancelling it disarms its
     * pending operations and ends it on the loop's next turn; the loop's death fails it.
     *
     * @param execution the execution
     * @param loop      the loop it runs on
     * @param blocking  where its blocking work runs
     * @return on the loop, cancels it and ends it at once (for a parent ending before its children); does
     *         nothing once it has ended
     */
    static <T> Runnable begin(TaskExecution<T> execution, EventLoop loop, Executor blocking) {
        assert loop.inLoop();
        CallbackContext context = new CallbackContext(execution.info(), loop, blocking,
                execution instanceof Execution<?> e ? e : null);
        Ending<T> ending = new Ending<>(execution, context);
        if (!execution.begin(ending.interrupter())) {
            return () -> { };
        }
        loop.enlist(ending);
        loop.running(execution.info());
        try {
            checked(execution.startAsync(context), execution.info()).whenComplete(ending);
        } catch (Throwable t) {
            ending.end(new Outcome.Failure<>(t));
        } finally {
            loop.running(null);
        }
        return ending;
    }

    /**
     * How one begun async task ends: once, on the loop, whichever way comes
     * first (its stage, its cancellation, its loop's death). One object plays
     * every part, to keep a task small: the loop's member, the stop (run on the
     * loop) and the stage's listener.
     */
    private static final class Ending<T> extends EventLoop.Enlisted
            implements Runnable, java.util.function.BiConsumer<T, Throwable> {
        private final TaskExecution<T> execution;
        private final CallbackContext context;
        /** Loop-only. */
        private boolean done;

        Ending(TaskExecution<T> execution, CallbackContext context) {
            this.execution = execution;
            this.context = context;
        }

        /** @return stops the task from any thread: hands {@link #run} to the loop */
        Runnable interrupter() {
            return () -> context.loop().execute(this);
        }

        /** The stop, on the loop: cancels the task's operations and ends it cancelled. */
        @Override
        public void run() {
            context.cancel();
            end(new Outcome.Cancelled<>());
        }

        /** The task's stage completed, on any thread. */
        @Override
        public void accept(T value, Throwable error) {
            Outcome<T> outcome = error == null
                    ? new Outcome.Success<>(value) : new Outcome.Failure<>(LoopOps.unwrap(error));
            EventLoop loop = context.loop();
            if (loop.inLoop()) {
                end(outcome);
            } else {
                loop.execute(() -> end(outcome));
            }
        }

        /** The loop died under the task. */
        @Override
        public void loopFailed(Throwable error) {
            end(new Outcome.Failure<>(error));
        }

        void end(Outcome<T> outcome) {
            if (done) {
                return;
            }
            done = true;
            // from here the turn is the library's (recording the end, starting the next tasks), not the task's
            context.loop().running(null);
            context.loop().discharge(this);
            context.release();
            execution.finish(outcome);
        }
    }

    /**
     * Starts an async task on the loop the caller is on.
     *
     * @param task    the task
     * @param info    the calling task, for errors
     * @param context its callback context
     * @return its stage
     * @throws Exception what {@code start} threw
     */
    static <V> CompletionStage<V> start(AsyncTask<V> task, TaskInfo info, CallbackContext context) throws Exception {
        return checked(task.start(context), info);
    }

    private static <V> CompletionStage<V> checked(CompletionStage<V> stage, TaskInfo info) {
        if (stage == null) {
            throw new NullPointerException(info + " returned a null stage from start(ctx)");
        }
        return stage;
    }
}
