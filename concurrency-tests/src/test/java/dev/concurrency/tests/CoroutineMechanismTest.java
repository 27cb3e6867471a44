package dev.concurrency.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The suite runs twice: with the JVM flag that opens {@code java.lang}, where
 * EVENT_LOOP's coroutines are virtual threads scheduled by the loop, and
 * without it ({@code -Dconcurrency.suite=fallback}), where they take turns
 * with a baton. This pins which mechanism each run used.
 */
class CoroutineMechanismTest {

    @Test
    void eachRunOfTheSuiteUsesTheMechanismItsJvmAllows() {
        boolean fallback = "fallback".equals(System.getProperty("concurrency.suite"));
        Task<String> where = ctx -> Thread.currentThread().getName() + " virtual=" + Thread.currentThread().isVirtual();
        String name = Concurrency.run(List.of(where), Strategy.EVENT_LOOP).values().get(0);
        assertThat(name).endsWith("virtual=true");
        if (fallback) {
            assertThat(name).matches("concurrency-\\d+-task virtual=true");
        } else {
            assertThat(name).matches("concurrency-\\d+-loop-0-task virtual=true");
        }
    }
}
