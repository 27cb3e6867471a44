package dev.concurrency.internal.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.ExecutionObserver;
import dev.concurrency.spi.Engine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThreadEnginesTest {

    private static final long LONG_NANOS = TimeUnit.SECONDS.toNanos(30);

    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of("platform", (Supplier<Engine>) () -> new PlatformThreadEngine(2, "test-platform-")),
                Arguments.of("virtual", (Supplier<Engine>) () -> new VirtualThreadEngine("test-virtual")));
    }

    /** Runs one task on the engine and returns its ended execution. */
    private static <T> Execution<T> runOne(Engine engine, Task<T> task) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        Execution<T> execution = new Execution<>(task, new TaskInfo(0, "t"), new ExecutionObserver() {
            @Override
            public void started(Execution<?> e) {
            }

            @Override
            public void ended(Execution<?> e) {
                ended.countDown();
            }
        });
        engine.start(execution);
        assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        return execution;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void runsTasksOnItsOwnThreadsAndJoinsThemOnTermination(String kind, Supplier<Engine> engines) throws Exception {
        Engine engine = engines.get();
        CompletableFuture<Thread> where = new CompletableFuture<>();
        Execution<String> e = runOne(engine, ctx -> {
            where.complete(Thread.currentThread());
            return Thread.currentThread().getName();
        });
        assertThat(((Outcome.Success<String>) e.outcome()).value()).startsWith("test-" + kind);
        assertThat(where.get().isVirtual()).isEqualTo(kind.equals("virtual"));
        engine.shutdown();
        assertThat(engine.awaitTermination(LONG_NANOS)).isTrue();
        assertThat(where.get().isAlive()).isFalse();
        assertThat(engine.liveThreads()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theContextBlocksAndCompletes(String kind, Supplier<Engine> engines) throws Exception {
        Engine engine = engines.get();
        CompletableFuture<Integer> later = new CompletableFuture<>();
        Execution<Integer> e = runOne(engine, ctx -> {
            ctx.sleep(Duration.ZERO);
            ctx.sleep(Duration.ofMillis(1));
            ctx.checkpoint();
            Thread.ofPlatform().start(() -> later.complete(20));
            int a = ctx.await(later);
            int b = ctx.blocking(() -> 22);
            return a + b;
        });
        assertThat(e.outcome()).isEqualTo(new Outcome.Success<>(42));
        engine.shutdown();
        assertThat(engine.awaitTermination(LONG_NANOS)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void awaitReportsTheStagesOwnException(String kind, Supplier<Engine> engines) throws Exception {
        Engine engine = engines.get();
        IllegalStateException boom = new IllegalStateException("boom");
        Execution<Object> e = runOne(engine, ctx -> {
            try {
                return ctx.await(CompletableFuture.supplyAsync(() -> { throw boom; }, Runnable::run));
            } catch (ExecutionException expected) {
                return expected.getCause();
            }
        });
        assertThat(e.outcome()).isEqualTo(new Outcome.Success<>(boom));
        engine.shutdown();
        assertThat(engine.awaitTermination(LONG_NANOS)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void checkpointThrowsOnceCancelled(String kind, Supplier<Engine> engines) throws Exception {
        Engine engine = engines.get();
        Execution<Boolean> e = runOne(engine, ctx -> {
            Thread.currentThread().interrupt();
            try {
                ctx.checkpoint();
                return false;
            } catch (InterruptedException expected) {
                return expected.getMessage().contains("tasks[0] 't'");
            }
        });
        assertThat(e.outcome()).isEqualTo(new Outcome.Success<>(true));
        engine.shutdown();
        assertThat(engine.awaitTermination(LONG_NANOS)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aNegativeSleepIsRejectedWithTheValue(String kind, Supplier<Engine> engines) throws Exception {
        Engine engine = engines.get();
        Execution<Object> e = runOne(engine, ctx -> {
            ctx.sleep(Duration.ofMillis(-1));
            return null;
        });
        assertThat(((Outcome.Failure<Object>) e.outcome()).error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration: PT-0.001S (expected: >= 0)");
        engine.shutdown();
        assertThat(engine.awaitTermination(LONG_NANOS)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aPlatformPoolReusesItsThreads(String kind, Supplier<Engine> engines) throws Exception {
        Engine engine = engines.get();
        Execution<Thread> first = runOne(engine, ctx -> Thread.currentThread());
        Execution<Thread> second = runOne(engine, ctx -> Thread.currentThread());
        Thread a = ((Outcome.Success<Thread>) first.outcome()).value();
        Thread b = ((Outcome.Success<Thread>) second.outcome()).value();
        if (kind.equals("platform")) {
            assertThat(engine.liveThreads()).isBetween(1, 2);
        } else {
            assertThat(a).isNotSameAs(b);
        }
        engine.shutdown();
        assertThat(engine.awaitTermination(LONG_NANOS)).isTrue();
        assertThat(a.isAlive() || b.isAlive()).isFalse();
    }
}
