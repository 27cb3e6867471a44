package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The future of a submitted task completes only when the task ends; cancelling it still cancels the task. */
@Timeout(60)
class SubmittedFutureTest {

    private static final List<Consumer<CompletableFuture<String>>> FORGERIES = List.of(
            f -> f.complete("forged"),
            f -> f.completeExceptionally(new IllegalStateException("forged")),
            f -> f.obtrudeValue("forged"),
            f -> f.obtrudeException(new IllegalStateException("forged")),
            f -> f.completeAsync(() -> "forged"),
            f -> f.completeOnTimeout("forged", 1, TimeUnit.MILLISECONDS),
            f -> f.orTimeout(1, TimeUnit.MILLISECONDS));

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"THREAD", "VIRTUAL_THREAD", "EVENT_LOOP"})
    void theCallerCannotForgeTheOutcome(Strategy strategy) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Runner runner = Concurrency.open(strategy)) {
            CompletableFuture<String> future = runner.submit(ctx -> {
                ctx.blocking(() -> release.await(30, TimeUnit.SECONDS));
                return "the task's own";
            });
            for (Consumer<CompletableFuture<String>> forgery : FORGERIES) {
                assertThatThrownBy(() -> forgery.accept(future))
                        .isInstanceOf(UnsupportedOperationException.class)
                        .hasMessageContaining("completes only when the task ends");
            }
            assertThat(future).isNotDone();
            CompletableFuture<String> mine = future.copy();
            assertThat(mine.complete("mine")).isTrue();
            assertThat(future).isNotDone();
            release.countDown();
            assertThat(future.get(30, TimeUnit.SECONDS)).isEqualTo("the task's own");
            assertThat(future.thenApply(String::length).get(30, TimeUnit.SECONDS)).isEqualTo(14);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"THREAD", "VIRTUAL_THREAD", "EVENT_LOOP"})
    void cancellingTheFutureCancelsTheTask(Strategy strategy) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        try (Runner runner = Concurrency.open(strategy)) {
            CompletableFuture<String> future = runner.submit(ctx -> {
                started.countDown();
                try {
                    ctx.sleep(java.time.Duration.ofMinutes(5));
                    interrupted.complete(false);
                } catch (InterruptedException e) {
                    interrupted.complete(true);
                    throw e;
                }
                return "slept";
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(future.cancel(true)).isTrue();
            assertThat(interrupted.get(30, TimeUnit.SECONDS)).as("the task was told to stop").isTrue();
            assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
        }
    }
}
