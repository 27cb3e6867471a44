package dev.concurrency;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Settings of the event-loop strategies, {@link Strategy#EVENT_LOOP} and
 * {@link Strategy#CALLBACK}. {@link RunOptions#loops(int)},
 * {@link RunOptions#blockedLoopWarning(Duration)} and
 * {@link RunOptions#noBlockedLoopWarning()} are shortcuts for them.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.of(Strategy.EVENT_LOOP)
 *         .with(LoopOptions.defaults().loops(2).blockedLoopWarning(Duration.ofMillis(50)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LoopOptions implements StrategyOptions {

    /** How long a task may keep an event loop before it is reported, unless set. */
    public static final Duration DEFAULT_BLOCKED_LOOP_WARNING = Duration.ofMillis(100);

    private static final LoopOptions DEFAULTS = new LoopOptions(1, DEFAULT_BLOCKED_LOOP_WARNING);

    private final int loops;
    private final Duration blockedLoopWarning;

    private LoopOptions(int loops, Duration blockedLoopWarning) {
        this.loops = loops;
        this.blockedLoopWarning = blockedLoopWarning;
    }

    /** {@return the defaults: one loop, and the blocked-loop report after 100 ms} */
    public static LoopOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How many event loops (one thread each) tasks are spread over, in turn; 1 by default.
     *
     * @param loops the number of loops, {@code > 0}
     * @return new options
     * @throws IllegalArgumentException if {@code loops <= 0}
     */
    public LoopOptions loops(int loops) {
        if (loops <= 0) {
            throw new IllegalArgumentException("loops: " + loops + " (expected: > 0)");
        }
        return new LoopOptions(loops, blockedLoopWarning);
    }

    /**
     * Reports (once, at WARN, with its stack) a task that keeps an event loop
     * this long without giving it back, as asyncio's debug mode does. 100 ms by default.
     *
     * @param threshold how long a task may keep its loop, {@code > 0}
     * @return new options
     * @throws NullPointerException if {@code threshold} is null
     * @throws IllegalArgumentException if {@code threshold} is zero or negative
     */
    public LoopOptions blockedLoopWarning(Duration threshold) {
        Objects.requireNonNull(threshold, "blockedLoopWarning is null");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("blockedLoopWarning: " + threshold + " (expected: > 0)");
        }
        return new LoopOptions(loops, threshold);
    }

    /** {@return new options with the blocked-loop report off} */
    public LoopOptions noBlockedLoopWarning() {
        return new LoopOptions(loops, null);
    }

    /** {@return how many event loops tasks are spread over} */

    public int loops() {
        return loops;
    }

    /** {@return how long a task may keep its loop before it is reported; empty when the report is off} */
    public Optional<Duration> blockedLoopWarning() {
        return Optional.ofNullable(blockedLoopWarning);
    }

    @Override
    public String settings() {
        StringJoiner s = new StringJoiner(", ");
        if (loops != 1) s.add("loops(" + loops + ")");
        if (blockedLoopWarning == null) s.add("noBlockedLoopWarning()");
        else if (!blockedLoopWarning.equals(DEFAULT_BLOCKED_LOOP_WARNING)) s.add("blockedLoopWarning(" + blockedLoopWarning + ")");
        return s.length() == 0 ? "LoopOptions.defaults()" : s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoopOptions other && loops == other.loops
                && Objects.equals(blockedLoopWarning, other.blockedLoopWarning);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loops, blockedLoopWarning);
    }

    @Override
    public String toString() {
        return "LoopOptions[" + settings() + "]";
    }
}
