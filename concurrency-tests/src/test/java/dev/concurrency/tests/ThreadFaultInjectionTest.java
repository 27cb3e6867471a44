package dev.concurrency.tests;

import static dev.concurrency.tests.FaultInjection.failsWith;
import static dev.concurrency.tests.FaultInjection.timesOut;

import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.tests.FaultInjection.Fault;
import dev.concurrency.tests.FaultInjection.SilentPeer;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults injected into tasks of the thread family (THREAD, VIRTUAL_THREAD),
 * each checked against the promises {@link FaultInjection} states. THREAD
 * runs one task at a time here, so the task after the faulty one reuses its
 * thread.
 */
@Timeout(60)
class ThreadFaultInjectionTest {

    private static SilentPeer peer;
    private static CountDownLatch release;

    @BeforeEach
    void start() throws Exception {
        peer = new SilentPeer(false);
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseAndCheckNothingIsLeft() throws Exception {
        release.countDown();
        peer.close();
        FaultInjection.assertNothingLeft();
    }

    static List<Fault> faults() {
        return List.of(
                new Fault("overflows its stack", ctx -> "" + FaultInjection.recurse(0), null,
                        failsWith(StackOverflowError.class), 0),
                new Fault("throws an AssertionError", ctx -> {
                    throw new AssertionError("on purpose");
                }, null, failsWith(AssertionError.class), 0),
                new Fault("leaves its thread interrupted", ctx -> {
                    Thread.currentThread().interrupt();
                    return "interrupted itself";
                }, null, o -> o.equals(new dev.concurrency.Outcome.Success<>("interrupted itself")), 0),
                new Fault("throws an Error while being cancelled", FaultInjection::throwErrorWhenCancelled, null,
                        timesOut(), 0),
                new Fault("ignores interrupts past its timeout", ctx -> {
                    AbandonmentTest.awaitIgnoringInterrupts(release);
                    return "released";
                }, null, timesOut(), 1),
                new Fault("blocks in a plain socket read past its timeout", ctx -> {
                    try (Socket socket = new Socket(peer.address().getAddress(), peer.address().getPort());
                         InputStream in = socket.getInputStream()) {
                        return "read " + in.read();
                    }
                }, null, timesOut(), 1),
                new Fault("waits on a future nobody completes", ctx -> ctx.await(new CompletableFuture<String>()),
                        null, timesOut(), 0));
    }

    static List<Arguments> cases() {
        return FaultInjection.cases(List.of(Strategy.THREAD, Strategy.VIRTUAL_THREAD), faults());
    }

    @ParameterizedTest(name = "{0}: a task that {1}")
    @MethodSource("cases")
    void theRunKeepsItsPromises(Strategy strategy, Fault fault) {
        RunOptions options = RunOptions.of(strategy);
        if (strategy == Strategy.THREAD) {
            options = options.maxConcurrency(1);
        }
        FaultInjection.inject(strategy, fault, options);
    }
}
