package dev.concurrency.tests.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.Strategies;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code withTimeout} under every strategy (CALLBACK runs the {@code AsyncContext} form):
 * it fires, it does not fire, scopes nest without one scope's timeout turning
 * into another's, a cancelled task is not reported as a scope's timeout, and a
 * body that swallows its cancellation still times out.
 */
@org.junit.jupiter.api.extension.ExtendWith(NothingLeftBehind.class)
@Timeout(120)
class TimeoutContractTest {

    /** Long enough never to pass in a test; a body waiting this long is always cut short. */
    static final Duration LONG = Duration.ofSeconds(60);
    static final Duration SHORT = Duration.ofMillis(50);

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    static <T> T run(Strategy strategy, Task<T> direct, AsyncTask<T> async) {
        Task<T> task = Serialization.copy(strategy == Strategy.CALLBACK ? async : direct);
        Results<T> results = Concurrency.run(List.of(task), Strategies.options(strategy));
        Outcome<T> outcome = results.outcomes().get(0);
        assertThat(outcome).as("%s under %s", outcome, strategy).isInstanceOf(Outcome.Success.class);
        return ((Outcome.Success<T>) outcome).value();
    }

    static String kind(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e.getClass().getSimpleName();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aBodyThatOverrunsGetsATimeoutException(Strategy strategy) {
        String result = run(strategy, ctx -> {
            try {
                return ctx.withTimeout(SHORT, () -> {
                    ctx.sleep(LONG);
                    return "late";
                });
            } catch (TimeoutException e) {
                return "timed out, task cancelled: " + ctx.isCancelled() + ", interrupted: "
                        + Thread.currentThread().isInterrupted();
            }
        }, ctx -> ctx.withTimeout(SHORT, () -> ctx.sleep(LONG).thenApply(v -> "late"))
                .exceptionally(e -> kind(e).equals("TimeoutException")
                        ? "timed out, task cancelled: " + ctx.isCancelled() + ", interrupted: false" : kind(e)));
        assertThat(result).isEqualTo("timed out, task cancelled: false, interrupted: false");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aBodyInTimeReturnsItsValueAndTheTaskGoesOn(Strategy strategy) {
        String result = run(strategy, ctx -> {
            String value = ctx.withTimeout(LONG, () -> {
                ctx.sleep(Duration.ofMillis(1));
                return "in time";
            });
            ctx.sleep(SHORT.multipliedBy(2)); // the scope's timer must not fire later
            return value;
        }, ctx -> ctx.withTimeout(LONG, () -> ctx.sleep(Duration.ofMillis(1)).thenApply(v -> "in time"))
                .thenCompose(value -> ctx.sleep(SHORT.multipliedBy(2)).thenApply(v -> value)));
        assertThat(result).isEqualTo("in time");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anOuterTimeoutLeavesAnInnerScopeAsACancellationNotAsItsTimeout(Strategy strategy) {
        String result = run(strategy, ctx -> {
            try {
                return ctx.withTimeout(SHORT, () -> {
                    try {
                        return ctx.withTimeout(LONG, () -> {
                            ctx.sleep(LONG);
                            return "late";
                        });
                    } catch (TimeoutException e) {
                        return "the inner scope's timeout";
                    }
                });
            } catch (TimeoutException e) {
                return "the outer scope's timeout";
            }
        }, ctx -> ctx.withTimeout(SHORT, () -> ctx.withTimeout(LONG, () -> ctx.sleep(LONG).thenApply(v -> "late"))
                        .exceptionally(e -> kind(e).equals("TimeoutException") ? "the inner scope's timeout" : "x"))
                .exceptionally(e -> kind(e).equals("TimeoutException") ? "the outer scope's timeout" : kind(e)));
        assertThat(result).isEqualTo("the outer scope's timeout");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anInnerTimeoutIsCaughtInsideAndTheOuterScopeGoesOn(Strategy strategy) {
        String result = run(strategy, ctx -> ctx.withTimeout(LONG, () -> {
            String inner;
            try {
                inner = ctx.withTimeout(SHORT, () -> {
                    ctx.sleep(LONG);
                    return "late";
                });
            } catch (TimeoutException e) {
                inner = "inner timed out";
            }
            ctx.sleep(Duration.ofMillis(1)); // the outer scope's waits still work
            return inner + ", outer went on";
        }), ctx -> ctx.withTimeout(LONG, () -> ctx.withTimeout(SHORT, () -> ctx.sleep(LONG).thenApply(v -> "late"))
                .exceptionally(e -> kind(e).equals("TimeoutException") ? "inner timed out" : kind(e))
                .thenCompose(inner -> ctx.sleep(Duration.ofMillis(1)).thenApply(v -> inner + ", outer went on"))));
        assertThat(result).isEqualTo("inner timed out, outer went on");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTaskTimingOutInsideAScopeEndsTimedOutNotWithTheScopesTimeout(Strategy strategy) {
        Task<String> direct = ctx -> ctx.withTimeout(LONG, () -> {
            ctx.sleep(LONG);
            return "late";
        });
        AsyncTask<String> async = ctx -> ctx.withTimeout(LONG, () -> ctx.sleep(LONG).thenApply(v -> "late"));
        Task<String> task = Serialization.copy(strategy == Strategy.CALLBACK ? async : direct);
        Results<String> results = Concurrency.run(List.of(task),
                Strategies.options(strategy).taskTimeout(Duration.ofMillis(200)));
        assertThat(results.outcomes().get(0)).isInstanceOf(Outcome.TimedOut.class);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimeoutInsideATaskCaughtAsItsOwnErrorIsTheTasksFailure(Strategy strategy) {
        Task<String> direct = ctx -> ctx.withTimeout(SHORT, () -> {
            ctx.sleep(LONG);
            return "late";
        });
        AsyncTask<String> async = ctx -> ctx.withTimeout(SHORT, () -> ctx.sleep(LONG).thenApply(v -> "late"));
        Task<String> task = Serialization.copy(strategy == Strategy.CALLBACK ? async : direct);
        Results<String> results = Concurrency.run(List.of(task), Strategies.options(strategy));
        assertThat(results.outcomes().get(0)).isInstanceOfSatisfying(Outcome.Failure.class,
                f -> assertThat(f.error()).isInstanceOf(TimeoutException.class).hasMessageContaining("withTimeout"));
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aBodyThatSwallowsItsCancellationStillTimesOut(Strategy strategy) {
        String result = run(strategy, ctx -> {
            try {
                return ctx.withTimeout(SHORT, () -> {
                    try {
                        ctx.sleep(LONG);
                    } catch (InterruptedException swallowed) {
                        // a body that ignores its cancellation and returns
                    }
                    return "returned late";
                });
            } catch (TimeoutException e) {
                return "timed out";
            }
        }, ctx -> ctx.withTimeout(SHORT, () -> ctx.sleep(LONG).handle((v, e) -> "returned late"))
                .exceptionally(e -> kind(e).equals("TimeoutException") ? "timed out" : kind(e)));
        assertThat(result).isEqualTo("timed out");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aZeroTimeoutCancelsTheFirstWait(Strategy strategy) {
        String result = run(strategy, ctx -> {
            try {
                return ctx.withTimeout(Duration.ZERO, () -> {
                    ctx.sleep(LONG);
                    return "late";
                });
            } catch (TimeoutException e) {
                return "timed out";
            }
        }, ctx -> ctx.withTimeout(Duration.ZERO, () -> ctx.sleep(LONG).thenApply(v -> "late"))
                .exceptionally(e -> kind(e).equals("TimeoutException") ? "timed out" : kind(e)));
        assertThat(result).isEqualTo("timed out");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aNegativeTimeoutIsRefusedNamingTheArgument(Strategy strategy) {
        String result = run(strategy, ctx -> {
            try {
                return ctx.withTimeout(Duration.ofMillis(-1), () -> "ran");
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }, ctx -> {
            try {
                return ctx.withTimeout(Duration.ofMillis(-1), () -> CompletableFuture.completedFuture("ran"));
            } catch (IllegalArgumentException e) {
                return CompletableFuture.completedFuture(e.getMessage());
            }
        });
        assertThat(result).startsWith("timeout: PT-0.001S");
    }
}
