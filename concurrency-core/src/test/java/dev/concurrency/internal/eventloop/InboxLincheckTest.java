package dev.concurrency.internal.eventloop;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.Unit;
import kotlin.reflect.KFunction;
import kotlin.reflect.jvm.ReflectJvmMapping;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CustomScenarioDSLKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of the loop's cross-thread hand-off ({@link Inbox}), with
 * the selector's wake-up injected as a sticky flag: producers hand work over,
 * and one thread plays the loop, turn by turn: it runs what is queued, then
 * sleeps only if the inbox lets it, and a sleeping loop wakes only on a
 * wake-up. In every interleaving each task runs once, each producer's in its
 * order (checked as each runs); whenever the sleeping loop looks, and once all
 * calls have returned, a task handed over and not yet run has a wake-up
 * pending or on its way (no hand-off sleeps through); and the loop's next
 * turn runs everything handed over.
 */
@Timeout(300)
public class InboxLincheckTest {

    /** Threads in the parallel part; producer ids run from 0 (initial part) to this plus 1 (post part). */
    private static final int PRODUCERS = 2;

    /** The selector's pending wake-up: set by a wake-up, cleared by the next select, which it makes return. */
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final Inbox inbox = new Inbox(() -> wakeUpPending.set(true));
    /** Each producer's next sequence number; touched only by that producer's thread. */
    private final int[] next = new int[PRODUCERS + 2];
    /** Producers inside {@link Inbox#offer} now, and tasks whose offer has returned. */
    private final AtomicInteger offering = new AtomicInteger();
    private final AtomicInteger offered = new AtomicInteger();

    /** Loop-only: the last sequence number run of each producer. */
    private final int[] lastRun = new int[PRODUCERS + 2];
    /** Loop-only. */
    private int ran;
    /** Loop-only: whether the loop sleeps in select. */
    private boolean asleep;

    public InboxLincheckTest() {
        Arrays.fill(lastRun, -1);
    }

    /** One producer's task: checks, as it runs on the loop, that it runs once and in its producer's order. */
    private final class Task implements Runnable {
        private final int producer;
        private final int seq;

        Task(int producer, int seq) {
            this.producer = producer;
            this.seq = seq;
        }

        @Override
        public void run() {
            if (seq != lastRun[producer] + 1) {
                throw new IllegalStateException("producer " + producer + "'s task " + seq + " ran after its task "
                        + lastRun[producer]);
            }
            lastRun[producer] = seq;
            ran++;
        }
    }

    @Operation
    public void execute(@Param(gen = ThreadIdGen.class) int producer) {
        Task task = new Task(producer, next[producer]++);
        offering.incrementAndGet();
        inbox.offer(task);
        offered.incrementAndGet();
        offering.decrementAndGet();
    }

    /** One turn of the loop; a sleeping loop stays asleep unless a wake-up is pending. */
    @Operation(nonParallelGroup = "loop")
    public void loopTurn() {
        if (asleep) {
            if (!wakeUpPending.getAndSet(false)) {
                checkSleep();
                return; // select() goes on sleeping
            }
            asleep = false;
            inbox.awake();
        }
        runQueued();
        if (inbox.maySleep()) {
            if (wakeUpPending.getAndSet(false)) {
                inbox.awake(); // select() returns at once
            } else {
                asleep = true;
            }
        } else {
            wakeUpPending.set(false); // selectNow() clears a pending wake-up too
        }
    }

    private void runQueued() {
        for (Runnable r; (r = inbox.poll()) != null; ) {
            r.run();
        }
    }

    /**
     * The sleeping loop: if a task was handed over (its offer returned) and has not run, a wake-up is
     * pending, or one is on its way from a producer still inside its offer. Read in this order, so that
     * the wake-up of a producer that has left its offer shows as pending.
     */
    private void checkSleep() {
        int handedOver = offered.get();
        if (handedOver > ran && offering.get() == 0 && !wakeUpPending.get()) {
            throw new IllegalStateException("the loop sleeps with " + (handedOver - ran)
                    + " task(s) handed over and no wake-up pending or on its way");
        }
    }

    /** Once all calls have returned: a sleeping loop with work queued will wake, and its next turn runs it all. */
    @Validate
    public void noHandOverSleepsThrough() {
        if (asleep) {
            checkSleep();
            asleep = false;
            wakeUpPending.set(false);
            inbox.awake();
        }
        runQueued();
        if (ran != offered.get()) {
            throw new IllegalStateException("the loop ran " + ran + " of " + offered.get() + " tasks handed over");
        }
    }

    @Test
    void noHandOverIsLostRunTwiceOrReordered() throws NoSuchMethodException {
        new ModelCheckingOptions()
                // the loop falls asleep while a producer hands over: every interleaving of it gets a chance
                .addCustomScenario(loopSleepsAsProducersHandOver())
                .iterations(5)
                .invocationsPerIteration(40)
                .actorsBefore(0) // the loop starts awake, free to fall asleep during the race
                .threads(PRODUCERS)
                .actorsPerThread(3)
                .check(InboxLincheckTest.class);
    }

    /** Two turns of the loop, from awake, against a producer's two hand-overs. */
    private static ExecutionScenario loopSleepsAsProducersHandOver() throws NoSuchMethodException {
        KFunction<?> loopTurn = ReflectJvmMapping.getKotlinFunction(InboxLincheckTest.class.getMethod("loopTurn"));
        KFunction<?> execute = ReflectJvmMapping.getKotlinFunction(
                InboxLincheckTest.class.getMethod("execute", int.class));
        return CustomScenarioDSLKt.scenario(s -> {
            s.parallel(p -> {
                p.thread(t -> {
                    t.actor(loopTurn);
                    t.actor(loopTurn);
                    return Unit.INSTANCE;
                });
                p.thread(t -> {
                    t.actor(execute, 2);
                    t.actor(execute, 2);
                    return Unit.INSTANCE;
                });
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
    }
}
