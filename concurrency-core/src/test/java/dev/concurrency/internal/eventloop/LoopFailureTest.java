package dev.concurrency.internal.eventloop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Handle;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A loop that dies (an {@link Error} in its own code, or a failing selector)
 * fails every task on it, coroutines and callback chains alike, and the run
 * returns: nothing waits for a loop that will never run again.
 */
@Timeout(60)
class LoopFailureTest {

    private static final Duration FOREVER = Duration.ofMinutes(10);

    /** How to kill a loop from one of its steps. */
    enum Fault {
        ERROR_IN_A_LOOP_STEP(loop -> loop.execute(() -> {
            throw new AssertionError("injected into the loop");
        }), AssertionError.class),
        SELECTOR_FAILS(loop -> {
            try {
                loop.selector().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, ClosedSelectorException.class);

        final Consumer<EventLoop> inject;
        final Class<? extends Throwable> error;

        Fault(Consumer<EventLoop> inject, Class<? extends Throwable> error) {
            this.inject = inject;
            this.error = error;
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aDeadLoopFailsItsCallbackTasksAndTheRunReturns(Fault fault) {
        AsyncTask<String> killer = ctx -> {
            fault.inject.accept(((CallbackContext) ctx).loop());
            return ctx.sleep(FOREVER).thenApply(v -> "slept");
        };
        AsyncTask<String> bystander = ctx -> ctx.sleep(FOREVER).thenApply(v -> "slept");
        Results<String> results = Concurrency.run(List.of(bystander, killer, bystander),
                RunOptions.of(Strategy.CALLBACK).noBlockedLoopWarning());
        assertAllFailedWith(results, fault.error);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aDeadLoopFailsItsCoroutinesTooAndTheyAreNotWaitedFor(Fault fault) {
        List<Task<String>> tasks = new ArrayList<>();
        tasks.add(ctx -> {
            ctx.sleep(FOREVER);
            return "slept";
        });
        tasks.add(ctx -> {
            fault.inject.accept(((CoroutineContext) ctx).loop());
            ctx.sleep(FOREVER);
            return "slept";
        });
        tasks.add((AsyncTask<String>) ctx -> ctx.sleep(FOREVER).thenApply(v -> "slept"));
        Results<String> results = Concurrency.run(tasks, RunOptions.of(Strategy.EVENT_LOOP).noBlockedLoopWarning());
        assertAllFailedWith(results, fault.error);
    }

    /** The injected step is queued before the children's first steps, so the loop dies with them still queued. */
    @Test
    void coroutinesYetToBeginWhenTheLoopDiesFailWithoutRunning() {
        Fault fault = Fault.ERROR_IN_A_LOOP_STEP;
        AtomicInteger began = new AtomicInteger();
        List<Handle<String>> children = new CopyOnWriteArrayList<>();
        Task<String> killer = ctx -> {
            try (TaskGroup<String> group = ctx.group()) {
                fault.inject.accept(((CoroutineContext) ctx).loop()); // dies before the children's first steps
                for (int i = 0; i < 5; i++) {
                    children.add(group.spawn(child -> {
                        began.incrementAndGet();
                        child.sleep(FOREVER);
                        return "slept";
                    }));
                }
                ctx.sleep(FOREVER);
            }
            return "slept";
        };
        Results<String> results = Concurrency.run(List.of(killer),
                RunOptions.of(Strategy.EVENT_LOOP).noBlockedLoopWarning());
        assertAllFailedWith(results, fault.error);
        assertThat(children).hasSize(5).allMatch(Handle::isDone);
        assertThat(began).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aRunnerWhoseLoopDiedFailsLaterTasksAtOnceAndCloses(Fault fault) throws Exception {
        try (var runner = Concurrency.open(RunOptions.of(Strategy.CALLBACK).noBlockedLoopWarning())) {
            AsyncTask<String> killer = ctx -> {
                fault.inject.accept(((CallbackContext) ctx).loop());
                return ctx.sleep(FOREVER).thenApply(v -> "slept");
            };
            assertAllFailedWith(runner.run(List.of(killer)), fault.error);
            AsyncTask<String> later0 = ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> "ran");
            Results<String> later = runner.run(List.of(later0));
            assertThat(later.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                    assertThat(f.error()).isInstanceOf(IllegalStateException.class).hasMessageContaining("has died"));
        }
    }

    /** Each task failed with an error that names the dead loop, caused by what killed it. */
    private static void assertAllFailedWith(Results<String> results, Class<? extends Throwable> error) {
        assertThat(results.outcomes()).allSatisfy(outcome ->
                assertThat(outcome).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                        assertThat(f.error()).isExactlyInstanceOf(IllegalStateException.class)
                                .hasMessageMatching("concurrency-\\d+-loop-0 has died \\(.*\\); its tasks cannot go on")
                                .hasCauseInstanceOf(error)));
    }
}
