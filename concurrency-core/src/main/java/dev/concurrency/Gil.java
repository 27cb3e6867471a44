package dev.concurrency;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An emulated global interpreter lock, as CPython has, so its effect can be
 * seen and measured in Java. Set it with {@link RunOptions#gil(Gil)}.
 *
 * <p>With a GIL, task code runs holding one lock per run (or per runner):
 * every wait of the {@link TaskContext} ({@code sleep}, socket operations,
 * {@code await}, {@code blocking}) releases it and takes it back before
 * returning, and the end of a task releases it. {@link TaskContext#checkpoint()}
 * is where CPU-bound code may have to let another task in:
 * <ul>
 *   <li>{@link #python3(Duration)}: a task that wants the lock waits up to the
 *       switch interval, then asks the holder to drop it; the holder drops it at
 *       its next checkpoint and does not take it back before another waiter has
 *       had it (CPython's forced switching since 3.2).</li>
 *   <li>{@link #python2(int)}: every N checkpoints the holder releases the lock
 *       and at once competes to take it back, with no hand-over guarantee (the
 *       old interpreter, where two CPU-bound threads on two cores run slower
 *       than one).</li>
 * </ul>
 * {@link #off()}, the default, locks nothing and costs nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class Gil {

    /** CPython 3's default switch interval ({@code sys.getswitchinterval()}). */
    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);
    /** CPython 2's default check interval ({@code sys.getcheckinterval()}), in checkpoints. */
    public static final int DEFAULT_CHECK_INTERVAL = 100;

    private static final Gil OFF = new Gil(Kind.OFF, null, 0);

    /** Which interpreter's lock. */
    public enum Kind {
        /** No lock. */
        OFF,
        /** CPython 3: forced switching after a switch interval. */
        PYTHON3,
        /** CPython 2: release and re-take every N checkpoints. */
        PYTHON2
    }

    private final Kind kind;
    private final Duration switchInterval;
    private final int checkInterval;

    private Gil(Kind kind, Duration switchInterval, int checkInterval) {
        this.kind = kind;
        this.switchInterval = switchInterval;
        this.checkInterval = checkInterval;
    }

    /** {@return no lock: the default, which locks nothing and costs nothing} */
    public static Gil off() {
        return OFF;
    }

    /** {@return CPython 3's lock with the default 5 ms switch interval} */
    public static Gil python3() {
        return python3(DEFAULT_SWITCH_INTERVAL);
    }

    /**
     * CPython 3's lock with a given switch interval.
     *
     * @param switchInterval how long a waiter waits before it asks the holder to drop the lock, {@code > 0}
     * @return CPython 3's lock
     * @throws NullPointerException if {@code switchInterval} is null
     * @throws IllegalArgumentException if {@code switchInterval} is zero or negative
     */
    public static Gil python3(Duration switchInterval) {
        Objects.requireNonNull(switchInterval, "switchInterval is null");
        if (switchInterval.isNegative() || switchInterval.isZero()) {
            throw new IllegalArgumentException("switchInterval: " + switchInterval + " (expected: > 0)");
        }
        return new Gil(Kind.PYTHON3, switchInterval, 0);
    }

    /** {@return CPython 2's lock with the default check interval of 100 checkpoints} */
    public static Gil python2() {
        return python2(DEFAULT_CHECK_INTERVAL);
    }

    /**
     * CPython 2's lock with a given check interval.
     *
     * @param checkInterval after how many checkpoints the holder releases and re-takes the lock, {@code > 0}
     * @return CPython 2's lock
     * @throws IllegalArgumentException if {@code checkInterval} is zero or negative
     */
    public static Gil python2(int checkInterval) {
        if (checkInterval <= 0) {
            throw new IllegalArgumentException("checkInterval: " + checkInterval + " (expected: > 0)");
        }
        return new Gil(Kind.PYTHON2, null, checkInterval);
    }

    /** {@return which interpreter's lock this is} */
    public Kind kind() {
        return kind;
    }

    /** {@return whether there is no lock} */
    public boolean isOff() {
        return kind == Kind.OFF;
    }

    /** {@return the switch interval of a {@link Kind#PYTHON3} lock; empty for the other kinds} */
    public Optional<Duration> switchInterval() {
        return Optional.ofNullable(switchInterval);
    }

    /** {@return the check interval of a {@link Kind#PYTHON2} lock; empty for the other kinds} */

    public OptionalInt checkInterval() {
        return kind == Kind.PYTHON2 ? OptionalInt.of(checkInterval) : OptionalInt.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gil g && g.kind == kind && Objects.equals(g.switchInterval, switchInterval)
                && g.checkInterval == checkInterval;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, switchInterval, checkInterval);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case OFF -> "Gil.off()";
            case PYTHON3 -> "Gil.python3(" + switchInterval + ")";
            case PYTHON2 -> "Gil.python2(" + checkInterval + ")";
        };
    }
}
