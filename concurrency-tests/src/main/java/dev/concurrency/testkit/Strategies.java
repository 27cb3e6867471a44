package dev.concurrency.testkit;

import dev.concurrency.Strategy;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The strategies the contract covers: every one the library has. Mind that
 * {@link Strategy#CALLBACK} runs only {@link dev.concurrency.AsyncTask}s; a
 * scenario written as a direct-style task gives CALLBACK its async form.
 */
public final class Strategies {

    private Strategies() {
    }

    /** @return every strategy, in declaration order */
    public static List<Strategy> all() {
        return List.of(Strategy.values());
    }

    /** @return a jqwik arbitrary over {@link #all()} */
    public static Arbitrary<Strategy> arbitrary() {
        return Arbitraries.of(all());
    }
}
