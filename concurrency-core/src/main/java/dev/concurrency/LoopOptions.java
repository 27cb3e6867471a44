package dev.concurrency;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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

    private static final LoopOptions DEFAULTS = new LoopOptions(1, DEFAULT_BLOCKED_LOOP_WARNING, null);

    private final int loops;
    private final Duration blockedLoopWarning;
    /** The seed of a simulated run; {@code null} for a real one. */
    private final Long seed;

    private LoopOptions(int loops, Duration blockedLoopWarning, Long seed) {
        if (seed != null && loops != 1) {
            throw new IllegalArgumentException("loops: " + loops + " with simulated(" + seed
                    + ") (expected: 1; a simulated run has one loop)");
        }
        this.loops = loops;
        this.blockedLoopWarning = blockedLoopWarning;
        this.seed = seed;
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
     * @throws IllegalArgumentException if {@code loops <= 0}, or {@code > 1} in a simulated run
     */
    public LoopOptions loops(int loops) {
        if (loops <= 0) {
            throw new IllegalArgumentException("loops: " + loops + " (expected: > 0)");
        }
        return new LoopOptions(loops, blockedLoopWarning, seed);
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
        return new LoopOptions(loops, threshold, seed);
    }

    /** {@return new options with the blocked-loop report off} */
    public LoopOptions noBlockedLoopWarning() {
        return new LoopOptions(loops, null, seed);
    }

    /**
     * Makes the run a <b>simulation</b>: one loop, a virtual clock and a seeded
     * choice of what runs next, so that the same seed and the same tasks
     * replay the same interleaving, step for step.
     * <ul>
     * <li><b>Virtual time.</b> The clock ({@link TaskContext#now()}, timers,
     * {@code sleep}, {@code taskTimeout}, {@code deadline}, {@code withTimeout},
     * {@link Stats} times) starts at {@link java.time.Instant#EPOCH} and moves only
     * when no task is ready: then it jumps to the next timer, so a one-hour
     * {@code sleep} takes no wall time. A task that computes without
     * suspending does not move it.</li>
     * <li><b>Seeded choice.</b> Whenever several tasks are ready, the next one is
     * drawn from a random generator seeded with {@code seed}; what one task
     * hands the loop still runs in the order it was handed. Different seeds
     * explore different interleavings at every suspension point.</li>
     * <li><b>A trace</b> of every step: {@link Results#trace()}.</li>
     * <li><b>An in-memory network.</b> {@code listen} and {@code connect} reach
     * the ports the run's own tasks listen on, not the machine's: every
     * delivery takes a latency drawn from the seed (50 µs to 1 ms of virtual
     * time), and what one end sends arrives in order. A task that uses the
     * JDK's sockets or {@code Thread.sleep} directly escapes the simulation,
     * and a WARN says so, naming it.</li>
     * <li>{@code blocking(...)} runs in place, on the loop; its real time is not
     * counted. A {@code deadline} also holds in real time, so a run whose
     * tasks never suspend still returns. Servers ({@code Concurrency.serve})
     * cannot be simulated.</li>
     * </ul>
     * Taken by {@link Strategy#EVENT_LOOP} and {@link Strategy#CALLBACK}; a
     * simulated run has one loop, so {@code loops(n)} with {@code n > 1} is refused.
     *
     * @param seed the seed of the choices; the same seed replays the same run
     * @return new options
     * @throws IllegalArgumentException if more than one loop is asked for
     */
    public LoopOptions simulated(long seed) {
        return new LoopOptions(loops, blockedLoopWarning, seed);
    }

    /** {@return the seed, if the run is {@linkplain #simulated(long) simulated}} */
    public OptionalLong simulatedSeed() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
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
        if (seed != null) s.add("simulated(" + seed + ")");
        return s.length() == 0 ? "LoopOptions.defaults()" : s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoopOptions other && loops == other.loops
                && Objects.equals(blockedLoopWarning, other.blockedLoopWarning) && Objects.equals(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loops, blockedLoopWarning, seed);
    }

    @Override
    public String toString() {
        return "LoopOptions[" + settings() + "]";
    }
}
