package dev.concurrency.examples.experiments;

import dev.concurrency.Strategy;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one table of how many tasks at once each strategy is given at most in
 * the {@code many} experiment: what this machine survives (2 vCPU, 24 GiB,
 * a cgroup limit of 32,768 pids). A size above a strategy's cap gives that
 * strategy a row saying so, printed, not hidden. Keyed by strategy name, so
 * an entry for a strategy this build lacks (PROCESS) waits for it.
 */
public final class StrategyCaps {

    /**
     * {@code THREAD}: one platform thread per task, each with its own stack, and
     * thread creation beyond about 30,000 fails on this machine's pid limit.
     * {@code PROCESS}: a worker JVM (tens of MiB resident) per task at once ({@code workers(size)}).
     */
    public static final Map<String, Integer> DEFAULTS = Map.of("THREAD", 10_000, "PROCESS", 64);

    private StrategyCaps() {
    }

    /**
     * @param settings the settings whose caps to show
     * @return {@code THREAD 10,000} and so on, for the strategies compared; {@code none} if none is capped
     */
    public static String describe(Settings settings) {
        StringJoiner caps = new StringJoiner(", ");
        for (Strategy strategy : settings.strategies()) {
            settings.cap(strategy).ifPresent(cap -> caps.add(String.format(Locale.ROOT, "%s %,d", strategy, cap)));
        }
        return caps.length() == 0 ? "none" : caps.toString();
    }

    /**
     * @param strategy a strategy
     * @param cap      its cap
     * @return why it did not run a size above its cap
     */
    static String reason(Strategy strategy, int cap) {
        return String.format(Locale.ROOT, "capped: %s runs at most %,d tasks at once on this machine"
                + " (--cap %s=N to change)", strategy, cap, strategy);
    }
}
