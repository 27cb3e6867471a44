package dev.concurrency.internal.gil;

import dev.concurrency.Gil;
import java.time.Duration;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checking of the GIL's hand-over: tasks (one holder per thread) take
 * the lock, pass a switch point inside, and give it back, under both kinds of
 * lock. In every interleaving at most one holds it at a time (a task inside
 * while another is would fail the call), nobody waits forever (the checker
 * reports a deadlock or livelock), and every call completes as it would one
 * after another.
 */
@Timeout(300)
public class GilLincheckTest {

    private static final int THREADS = 3;

    /** Plain fields, each guarded only by its emulated lock: a second task inside shows as a count of two. */
    private final int[] inside = new int[2];

    private final GlobalLock python3 = new GlobalLock(Gil.python3(Duration.ofNanos(1)));
    private final GlobalLock python2 = new GlobalLock(Gil.python2(1));
    private final GilHolder[] threes = holders(python3);
    private final GilHolder[] twos = holders(python2);

    private static GilHolder[] holders(GlobalLock lock) {
        GilHolder[] holders = new GilHolder[THREADS + 1];
        for (int i = 0; i < holders.length; i++) {
            holders[i] = lock.newHolder();
        }
        return holders;
    }

    @Operation
    public int python3Step(@Param(gen = ThreadIdGen.class) int thread) {
        return step(threes[thread], 0);
    }

    @Operation
    public int python2Step(@Param(gen = ThreadIdGen.class) int thread) {
        return step(twos[thread], 1);
    }

    /** Takes the lock, works, passes a switch point (where others may run), works again, gives it back. */
    private int step(GilHolder holder, int lock) {
        holder.acquire();
        try {
            alone(lock);
            holder.checkpoint(); // may hand the lock over and take it back
            alone(lock);
            return 1;
        } finally {
            holder.release();
        }
    }

    /** Code that runs holding the lock: nobody else may be in such code meanwhile. */
    private void alone(int lock) {
        int before = ++inside[lock];
        int after = inside[lock];
        inside[lock]--;
        if (before != 1 || after != 1) {
            throw new IllegalStateException("two tasks ran code holding the lock at once");
        }
    }

    @Test
    void oneHolderAtATimeAndNobodyStarves() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(200)
                .threads(THREADS)
                .actorsPerThread(2)
                .check(GilLincheckTest.class);
    }
}
