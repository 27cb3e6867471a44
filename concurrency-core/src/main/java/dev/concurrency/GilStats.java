package dev.concurrency;

import java.time.Duration;
import java.util.Locale;

/**
 * What an emulated {@link Gil} did, for one task or a whole run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param acquisitions how often the lock was taken
 * @param waitTime     time spent waiting to take it
 * @param holdTime     time it was held
 * @param forcedDrops  how often a holder dropped it because a waiter asked ({@code python3}) or its
 *                     check interval came round ({@code python2})
 * @param switches     how often it passed to a different task than its previous holder
 */
public record GilStats(long acquisitions, Duration waitTime, Duration holdTime, long forcedDrops, long switches) {

    /** No lock: every figure zero. */
    public static final GilStats NONE = new GilStats(0, Duration.ZERO, Duration.ZERO, 0, 0);

    /**
     * Adds two sets of figures, each figure to its own: for instance, a worker process's to this JVM's.
     *
     * @param other more figures
     * @return the sums

     */
    public GilStats plus(GilStats other) {
        if (other.equals(NONE)) {
            return this;
        }
        if (equals(NONE)) {
            return other;
        }
        return new GilStats(acquisitions + other.acquisitions, waitTime.plus(other.waitTime),
                holdTime.plus(other.holdTime), forcedDrops + other.forcedDrops, switches + other.switches);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GIL %d acquisitions, wait %.3f s, hold %.3f s, %d forced drops, %d switches",
                acquisitions, waitTime.toNanos() / 1e9, holdTime.toNanos() / 1e9, forcedDrops, switches);
    }
}
