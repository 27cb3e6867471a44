package dev.concurrency.testkit;

import dev.concurrency.Strategy;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries over the kit's task specs and the strategies. The only
 * part of the kit that needs jqwik: add {@code net.jqwik:jqwik} to your test
 * dependencies to use it (the kit does not bring it); everything else in the
 * kit works without it.
 *
 * <pre>{@code
 * @Provide Arbitrary<List<TaskSpec>> mixes() { return JqwikArbitraries.mixes(12); }
 * }</pre>
 *
 * This class is stateless and thread-safe.
 */
public final class JqwikArbitraries {

    private JqwikArbitraries() {
    }

    /** {@return one spec: mostly computing and sleeping, sometimes failing, rarely hanging} */
    public static Arbitrary<TaskSpec> specs() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 22).map(TaskSpec.Compute::new)),
                Tuple.of(6, Arbitraries.longs().between(0, 20).map(TaskSpec.Sleep::new)),
                Tuple.of(3, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(TaskSpec.Fail::new)),
                Tuple.of(1, Arbitraries.just(new TaskSpec.Hang())));
    }

    /**
     * {@return mixes of 0 to {@code maxSize} specs; turn one into tasks with {@link TaskSpecs#toTasks}}
     *
     * @param maxSize the most tasks in a mix
     */
    public static Arbitrary<List<TaskSpec>> mixes(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize: " + maxSize + " (expected: >= 0)");
        }
        return specs().list().ofMaxSize(maxSize);
    }

    /** {@return an arbitrary over {@link Strategies#all()}} */
    public static Arbitrary<Strategy> strategies() {
        return Arbitraries.of(Strategies.all());
    }
}
