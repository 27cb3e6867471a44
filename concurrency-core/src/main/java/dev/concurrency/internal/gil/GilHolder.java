package dev.concurrency.internal.gil;

import dev.concurrency.GilStats;
import java.time.Duration;

/**
 * One task's hold on the {@link GlobalLock}, and its figures. Used only by
 * whatever runs the task at a time (its thread, or its loop); the figures are
 * read once the task has ended.
 */
public final class GilHolder {

    private final GlobalLock lock;
    private boolean held;
    private long heldSince;
    private int ticks;
    private long acquisitions;
    private long waitNanos;
    private long holdNanos;
    private long forcedDrops;
    private long switches;

    GilHolder(GlobalLock lock) {
        this.lock = lock;
    }

    /**
     * @param other another holder
     * @return whether both hold the same lock
     */
    boolean sameLock(GilHolder other) {
        return lock == other.lock;
    }

    /** @return a holder for another task of the same lock */
    GilHolder sibling() {
        return lock.newHolder();
    }

    /** Takes the lock, waiting as long as it takes (not interruptible). */
    public void acquire() {
        if (!held) {
            lock.acquire(this);
        }
    }

    /** Releases the lock if held. */
    public void release() {
        release(false);
    }

    void release(boolean forced) {
        if (!held) {
            return;
        }
        held = false;
        holdNanos += System.nanoTime() - heldSince;
        lock.release(this, forced);
    }

    /** The task's switch point: a cheap check, and a hand-over when the lock's rules say so. */
    public void checkpoint() {
        if (held) {
            lock.checkpoint(this);
        }
    }

    /** @return whether this task holds the lock */
    public boolean isHeld() {
        return held;
    }

    void took(long waitStart) {
        long now = System.nanoTime();
        held = true;
        heldSince = now;
        acquisitions++;
        waitNanos += now - waitStart;
    }

    void switched() {
        switches++;
    }

    void dropping() {
        forcedDrops++;
    }

    /** @return whether the check interval has come round (python2) */
    boolean tick(int interval) {
        if (++ticks < interval) {
            return false;
        }
        ticks = 0;
        return true;
    }

    /** @return this task's figures */
    public GilStats stats() {
        return new GilStats(acquisitions, Duration.ofNanos(waitNanos), Duration.ofNanos(holdNanos), forcedDrops, switches);
    }
}
