package dev.concurrency.internal.engine;

import java.time.Duration;

/**
 * Durations as nanoseconds for timers, where a duration too long for a
 * {@code long} of nanoseconds (about 292 years, such as
 * {@code ChronoUnit.FOREVER.getDuration()}) means "effectively forever"
 * rather than an {@link ArithmeticException}. Stateless and thread-safe.
 */
public final class Durations {

    /**
     * How long a cancelled or timed-out task may take to stop before it is
     * abandoned (its thread left to finish on its own), so that a run returns
     * within its deadline or timeouts plus at most a second.
     */
    public static final java.time.Duration STOP_GRACE = java.time.Duration.ofMillis(750);

    /** The longest delay a timer is given: about 73 years, far enough that a deadline plus it never overflows. */
    public static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 2;

    private Durations() {
    }

    /**
     * @param duration a duration, not negative
     * @return its nanoseconds, at most {@link #MAX_DELAY_NANOS}
     */
    public static long delayNanos(Duration duration) {
        if (duration.getSeconds() >= MAX_DELAY_NANOS / 1_000_000_000L) {
            return MAX_DELAY_NANOS;
        }
        return Math.min(duration.toNanos(), MAX_DELAY_NANOS);
    }
}
