package dev.concurrency.tests;

import static dev.concurrency.tests.FaultInjection.failsWith;
import static dev.concurrency.tests.FaultInjection.timesOut;

import dev.concurrency.AsyncConnection;
import dev.concurrency.Connection;
import dev.concurrency.Outcome;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.tests.FaultInjection.Fault;
import dev.concurrency.tests.FaultInjection.SilentPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults injected into tasks of the loop family (EVENT_LOOP in direct style,
 * CALLBACK in callback style), each checked against the promises
 * {@link FaultInjection} states. A fault that cannot hold its loop runs on
 * one loop with its neighbours, so they share its loop thread; a fault that
 * holds its loop runs on two loops, its neighbours on the other one (the
 * tasks of a loop held past the grace fail with the loop, as documented).
 */
@Timeout(60)
class LoopFaultInjectionTest {

    private static SilentPeer silent;
    private static SilentPeer resetting;
    private static CountDownLatch release;

    @BeforeEach
    void start() throws Exception {
        silent = new SilentPeer(false);
        resetting = new SilentPeer(true);
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseAndCheckNothingIsLeft() throws Exception {
        release.countDown();
        silent.close();
        resetting.close();
        FaultInjection.assertNothingLeft();
    }

    static List<Fault> faults() {
        return List.of(
                new Fault("throws an AssertionError in a step", ctx -> {
                    ctx.sleep(Duration.ZERO);
                    throw new AssertionError("on purpose");
                }, ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> {
                    throw new AssertionError("on purpose");
                }), failsWith(AssertionError.class), 0),
                new Fault("overflows its stack in a step", ctx -> {
                    ctx.sleep(Duration.ZERO);
                    return "" + FaultInjection.recurse(0);
                }, ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> "" + FaultInjection.recurse(0)),
                        failsWith(StackOverflowError.class), 0),
                new Fault("leaves the loop thread interrupted", ctx -> {
                    ctx.sleep(Duration.ZERO);
                    Thread.currentThread().interrupt();
                    return "interrupted itself";
                }, ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> {
                    Thread.currentThread().interrupt();
                    return "interrupted itself";
                }), o -> o.equals(new Outcome.Success<>("interrupted itself")), 0),
                new Fault("throws an Error while being cancelled", FaultInjection::throwErrorWhenCancelled,
                        ctx -> ctx.sleep(Duration.ofMinutes(10)).handle((v, e) -> {
                    throw new AssertionError("thrown on the way out");
                }), timesOut(), 0),
                new Fault("reads from a peer that resets the connection", ctx -> {
                    try (Connection c = ctx.connect(resetting.address())) {
                        return c.readLine();
                    }
                }, ctx -> ctx.connect(resetting.address()).thenCompose(AsyncConnection::readLine),
                        failsWith(IOException.class), 0),
                new Fault("waits on a stage nobody completes", ctx -> ctx.await(new CompletableFuture<String>()),
                        ctx -> new CompletableFuture<String>(), timesOut(), 0),
                new Fault("ignores interrupts holding its loop past its timeout", ctx -> {
                    AbandonmentTest.awaitIgnoringInterrupts(release);
                    return "released";
                }, ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> {
                    AbandonmentTest.awaitIgnoringInterrupts(release);
                    return "released";
                }), timesOut(), 1),
                new Fault("blocks in a plain socket read past its timeout", ctx -> plainRead(),
                        ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> plainRead()), timesOut(), 1));
    }

    private static String plainRead() {
        try (Socket socket = new Socket(silent.address().getAddress(), silent.address().getPort());
             InputStream in = socket.getInputStream()) {
            return "read " + in.read();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Arguments> cases() {
        return FaultInjection.cases(List.of(Strategy.EVENT_LOOP, Strategy.CALLBACK), faults());
    }

    @ParameterizedTest(name = "{0}: a task that {1}")
    @MethodSource("cases")
    void theRunKeepsItsPromises(Strategy strategy, Fault fault) {
        RunOptions options = RunOptions.of(strategy).noBlockedLoopWarning().loops(fault.maxAbandoned() == 0 ? 1 : 2);
        FaultInjection.inject(strategy, fault, options);
    }
}
