package dev.concurrency;

import java.time.Duration;

/** The few delays the tests use, scaled by {@code -Dconcurrency.delayFactor} (default 1). */
final class Delays {

    private static final double FACTOR = Double.parseDouble(System.getProperty("concurrency.delayFactor", "1"));

    /** Long enough that, if it passes, something is wrong. */
    static final Duration LONG = scaled(10_000);
    /** A wait that should end on its own, briefly. */
    static final Duration SHORT = scaled(50);

    private Delays() {
    }

    static Duration scaled(long millis) {
        return Duration.ofMillis((long) (millis * FACTOR));
    }
}
