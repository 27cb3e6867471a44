package dev.concurrency;

/**
 * Settings that only some strategies take, owned by their providers and
 * attached to a run with {@link RunOptions#with(StrategyOptions)}:
 * {@link LoopOptions} for {@link Strategy#EVENT_LOOP} and {@link Strategy#CALLBACK},
 * {@link ProcessOptions} for {@link Strategy#PROCESS}. A run, runner or
 * executor whose strategy does not take an attached type is refused before
 * anything runs, with an error naming the setting and the strategies it applies to.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface StrategyOptions {

    /**
     * The settings that differ from the defaults, as they would be written, for
     * errors and {@code toString}; e.g. {@code "loops(7)"}.
     *
     * @return the settings, or the type's name when all are defaults
     */
    String settings();
}
