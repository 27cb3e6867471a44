package dev.concurrency.internal;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
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
 * Model checking of admission under a bound, as {@link TaskScheduler} uses
 * it: threads submit batches, end running items (which frees their permits),
 * cancel waiting ones, and submit items whose start ends them at once on the
 * starting thread (as one the engine cannot start does). The "engine" only
 * records. In every interleaving no more than the bound run at once and none
 * starts twice (checked as each starts); once all calls have returned, each
 * submitter's items started or cancelled form a prefix of what it submitted
 * (input order), and no item still waits while a permit is free (none
 * stranded).
 */
@Timeout(300)
public class AdmissionLincheckTest {

    private static final int BOUND = 2;
    private static final int THREADS = 3;

    /** One submitted item: its submitter, its place in that submitter's input, and what became of it. */
    private static final class Item {
        final int thread;
        final int seq;
        final boolean endsAtOnce;
        /** Taken by the admission (to start) or by a cancellation, once. */
        final AtomicBoolean claimed = new AtomicBoolean();
        final AtomicBoolean started = new AtomicBoolean();
        volatile boolean cancelled;

        Item(int thread, int seq, boolean endsAtOnce) {
            this.thread = thread;
            this.seq = seq;
            this.endsAtOnce = endsAtOnce;
        }
    }

    private final Admission<Item> admission = new Admission<>(BOUND, item -> item.claimed.compareAndSet(false, true),
            this::start);
    /** Every item submitted, each submitter's in its order. */
    private final Queue<Item> submitted = new ConcurrentLinkedQueue<>();
    /** Items started and not yet ended. */
    private final Queue<Item> running = new ConcurrentLinkedQueue<>();
    private final AtomicInteger runningCount = new AtomicInteger();
    /** Each submitter's next sequence number; touched only by that submitter's thread. */
    private final int[] next = new int[THREADS + 2];

    public AdmissionLincheckTest() {
    }

    /** The recording engine: counts the item as running and checks the bound; some end at once. */
    private void start(Item item) {
        if (!item.started.compareAndSet(false, true)) {
            throw new IllegalStateException("item " + item.thread + "/" + item.seq + " started twice");
        }
        int now = runningCount.incrementAndGet();
        if (now > BOUND) {
            throw new IllegalStateException(now + " items run at once, over the bound of " + BOUND);
        }
        if (item.endsAtOnce) {
            end(); // on the starting thread, inside the drain
        } else {
            running.add(item);
        }
    }

    /** A running item ends: its permit is given back, and the ender drains. */
    private void end() {
        runningCount.decrementAndGet();
        admission.release();
        admission.drain();
    }

    @Operation
    public void submitTwo(@Param(gen = ThreadIdGen.class) int thread) {
        submit(List.of(item(thread, false), item(thread, false)));
    }

    @Operation
    public void submitEndingAtOnce(@Param(gen = ThreadIdGen.class) int thread) {
        submit(List.of(item(thread, true)));
    }

    @Operation
    public void endOne() {
        if (running.poll() != null) {
            end();
        }
    }

    /** Cancels the first item not yet taken; as a waiting execution cancelled, it ends without a permit. */
    @Operation
    public void cancelOne() {
        for (Item item : submitted) {
            if (item.claimed.compareAndSet(false, true)) {
                item.cancelled = true;
                admission.drain();
                return;
            }
        }
    }

    private Item item(int thread, boolean endsAtOnce) {
        return new Item(thread, next[thread]++, endsAtOnce);
    }

    private void submit(List<Item> items) {
        submitted.addAll(items);
        admission.admit(items);
    }

    /** Once all calls have returned: input order kept, and nothing waits while a permit is free. */
    @Validate
    public void admittedInOrderAndNoneStranded() {
        int[] taken = new int[THREADS + 2];
        int waiting = 0;
        for (Item item : submitted) {
            boolean done = item.started.get() || item.cancelled;
            if (done && item.seq != taken[item.thread]++) {
                throw new IllegalStateException("item " + item.thread + "/" + item.seq
                        + " was taken before an earlier one of its submitter");
            }
            if (!done) {
                waiting++;
            }
        }
        if (waiting > 0 && runningCount.get() < BOUND) {
            throw new IllegalStateException(waiting + " item(s) wait while only " + runningCount.get()
                    + " of " + BOUND + " permits are taken");
        }
    }

    @Test
    void neverOverTheBoundInOrderAndNoneStranded() throws NoSuchMethodException {
        new ModelCheckingOptions()
                // the JDK's queue and semaphore are linearizable: switch between their calls, not inside
                .addGuarantee(forClasses(ConcurrentLinkedQueue.class.getName(), Semaphore.class.getName())
                        .allMethods().treatAsAtomic())
                // permits freed while another thread drains: every interleaving of these gets a chance
                .addCustomScenario(twoSubmitters("submitEndingAtOnce", false))
                .addCustomScenario(twoSubmitters("submitTwo", true))
                .iterations(8)
                .invocationsPerIteration(40)
                .threads(THREADS)
                .actorsPerThread(2)
                .check(AdmissionLincheckTest.class);
    }

    /** Two threads each submit by {@code submit} and, if {@code thenEnd}, end a running item. */
    private static ExecutionScenario twoSubmitters(String submit, boolean thenEnd) throws NoSuchMethodException {
        KFunction<?> submitter = operation(submit, int.class);
        KFunction<?> endOne = operation("endOne");
        return CustomScenarioDSLKt.scenario(s -> {
            s.parallel(p -> {
                for (int thread = 1; thread <= 2; thread++) {
                    int id = thread;
                    p.thread(t -> {
                        t.actor(submitter, id);
                        if (thenEnd) {
                            t.actor(endOne);
                        }
                        return Unit.INSTANCE;
                    });
                }
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
    }

    private static KFunction<?> operation(String name, Class<?>... parameters) throws NoSuchMethodException {
        return ReflectJvmMapping.getKotlinFunction(AdmissionLincheckTest.class.getMethod(name, parameters));
    }
}
