package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Settings that only some strategies take are refused, before anything runs,
 * by a run, a runner or an executor of any other strategy, with an error that
 * names the setting and the strategies it applies to; a comparison template
 * may carry settings for several strategies.
 */
@Timeout(60)
class StrategyOptionsTest {

    private static final List<Task<String>> NOTHING = List.of(ctx -> "x");

    /** Which strategies take which settings. */
    private static Set<Strategy> takers(StrategyOptions settings) {
        return settings instanceof LoopOptions ? Set.of(Strategy.EVENT_LOOP, Strategy.CALLBACK) : Set.of(Strategy.PROCESS);
    }

    private static List<RunOptions> withEachSetting(Strategy strategy) {
        RunOptions base = RunOptions.of(strategy);
        return List.of(base.loops(7), base.blockedLoopWarning(Duration.ofMillis(5)), base.noBlockedLoopWarning(),
                base.with(LoopOptions.defaults()), base.workers(3), base.maxTasksPerWorker(2),
                base.workerJvmFlags("-Xmx64m"), base.with(ProcessOptions.defaults()));
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, mode = EnumSource.Mode.EXCLUDE, names = "CLUSTER") // provider in its own module
    void aSettingOfAnotherStrategyIsRefusedByRunOpenAndExecutor(Strategy strategy) {
        for (RunOptions options : withEachSetting(strategy)) {
            StrategyOptions settings = options.strategyOptions().iterator().next();
            if (takers(settings).contains(strategy)) {
                continue;
            }
            String expected = settings.settings() + " applies to "
                    + (settings instanceof LoopOptions ? "EVENT_LOOP and CALLBACK" : "PROCESS") + ", not " + strategy;
            assertThatThrownBy(() -> Concurrency.run(NOTHING, options))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
            assertThatThrownBy(() -> Concurrency.open(options))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
            if (strategy != Strategy.CALLBACK && strategy != Strategy.PROCESS) {
                assertThatThrownBy(() -> Concurrency.executor(options))
                        .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
            }
        }
    }

    @Test
    void theMessageNamesTheSettingAsWritten() {
        assertThatThrownBy(() -> Concurrency.run(NOTHING, RunOptions.of(Strategy.VIRTUAL_THREAD).workers(3).loops(7)))
                .hasMessage("workers(3) applies to PROCESS, not VIRTUAL_THREAD");
        assertThatThrownBy(() -> Concurrency.run(NOTHING, RunOptions.of(Strategy.VIRTUAL_THREAD).loops(7)))
                .hasMessage("loops(7) applies to EVENT_LOOP and CALLBACK, not VIRTUAL_THREAD");
        assertThatThrownBy(() -> Concurrency.open(RunOptions.of(Strategy.THREAD)
                .with(LoopOptions.defaults().loops(2).noBlockedLoopWarning())))
                .hasMessage("loops(2), noBlockedLoopWarning() applies to EVENT_LOOP and CALLBACK, not THREAD");
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"EVENT_LOOP", "CALLBACK"})
    void theLoopStrategiesTakeLoopSettings(Strategy strategy) {
        AsyncTask<String> task = ctx -> ctx.sleep(Duration.ZERO).thenApply(v -> "ran");
        Results<String> results = Concurrency.run(List.of(task, task, task),
                RunOptions.of(strategy).loops(2).blockedLoopWarning(Duration.ofSeconds(5)));
        assertThat(results.values()).containsExactly("ran", "ran", "ran");
    }

    @Test
    void aSettingReplacesOneOfTheSameTypeAndShortcutsKeepTheOthers() {
        RunOptions options = RunOptions.of(Strategy.EVENT_LOOP).noBlockedLoopWarning().loops(3);
        assertThat(options.option(LoopOptions.class)).contains(LoopOptions.defaults().noBlockedLoopWarning().loops(3));
        assertThat(options.with(LoopOptions.defaults()).option(LoopOptions.class)).contains(LoopOptions.defaults());
        assertThat(options.without(LoopOptions.class).strategyOptions()).isEmpty();
        assertThat(options.toString()).isEqualTo("RunOptions[EVENT_LOOP, loops(3), noBlockedLoopWarning()]");
        assertThat(RunOptions.of(Strategy.PROCESS).workers(2).workerJvmFlags("-Xmx64m").option(ProcessOptions.class))
                .contains(ProcessOptions.defaults().workers(2).workerJvmFlags("-Xmx64m"));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> LoopOptions.defaults().loops(0)).hasMessage("loops: 0 (expected: > 0)");
        assertThatThrownBy(() -> ProcessOptions.defaults().workers(-1)).hasMessage("workers: -1 (expected: > 0)");
        assertThatThrownBy(() -> ProcessOptions.defaults().workerJvmFlags("-Xmx1g", " "))
                .hasMessage("workerJvmFlags[1]: ' ' (expected: a JVM option such as -Xmx256m)");
        assertThatThrownBy(() -> RunOptions.of(Strategy.THREAD).with(null)).hasMessage("settings is null");
    }

    @Test
    void aComparisonTemplateGivesEachStrategyOnlyItsOwnSettings() {
        Comparison comparison = Concurrency.compare(List.of(ctx -> "x"),
                CompareOptions.of(RunOptions.of(Strategy.THREAD).loops(2).workers(1)).warmUp(0),
                Strategy.THREAD, Strategy.EVENT_LOOP);
        assertThat(comparison.rows()).allSatisfy(row -> {
            assertThat(row.ran()).as(row.toString()).isTrue();
            assertThat(row.failures()).isZero();
        });
    }

    @Test
    void anExecutorWithItsOwnStrategysSettingsRuns() throws Exception {
        ExecutorService executor = Concurrency.executor(RunOptions.of(Strategy.EVENT_LOOP).loops(2));
        try {
            assertThat(executor.submit(() -> "ran").get(30, TimeUnit.SECONDS)).isEqualTo("ran");
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
