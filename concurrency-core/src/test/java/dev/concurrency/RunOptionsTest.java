package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunOptionsTest {

    @Test
    void defaultsAreTheStrategysOwn() {
        RunOptions options = RunOptions.of(Strategy.THREAD);
        assertThat(options.strategy()).isEqualTo(Strategy.THREAD);
        assertThat(options.maxConcurrency()).isEmpty();
        assertThat(options.taskTimeout()).isEmpty();
        assertThat(options.deadline()).isEmpty();
        assertThat(options.isFailFast()).isFalse();
    }

    @Test
    void settersReturnNewOptionsAndLeaveTheOriginal() {
        RunOptions base = RunOptions.of(Strategy.VIRTUAL_THREAD);
        RunOptions changed = base.maxConcurrency(4).taskTimeout(Duration.ofSeconds(1))
                .deadline(Duration.ofSeconds(5)).failFast();
        assertThat(changed.maxConcurrency()).hasValue(4);
        assertThat(changed.taskTimeout()).contains(Duration.ofSeconds(1));
        assertThat(changed.deadline()).contains(Duration.ofSeconds(5));
        assertThat(changed.isFailFast()).isTrue();
        assertThat(base.maxConcurrency()).isEmpty();
        assertThat(changed.toString()).contains("VIRTUAL_THREAD", "maxConcurrency=4", "failFast");
    }

    @Test
    void nonPositiveMaxConcurrencyIsRejectedWithTheValue() {
        RunOptions options = RunOptions.of(Strategy.THREAD);
        assertThatThrownBy(() -> options.maxConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrency: 0 (expected: > 0)");
        assertThatThrownBy(() -> options.maxConcurrency(-3))
                .hasMessage("maxConcurrency: -3 (expected: > 0)");
    }

    @Test
    void negativeOrZeroTimeoutsAreRejected() {
        RunOptions options = RunOptions.of(Strategy.THREAD);
        assertThatThrownBy(() -> options.taskTimeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("taskTimeout: PT-0.005S (expected: > 0)");
        assertThatThrownBy(() -> options.taskTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.deadline(Duration.ofSeconds(-1)))
                .hasMessage("deadline: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> options.taskTimeout(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("taskTimeout is null");
    }

    @Test
    void nullStrategyOrListenerIsNamed() {
        assertThatThrownBy(() -> RunOptions.of(null)).hasMessage("strategy is null");
        assertThatThrownBy(() -> RunOptions.of(Strategy.THREAD).listener(null)).hasMessage("listener is null");
    }

    @Test
    void loopOptionsHaveDefaultsAndChecks() {
        RunOptions options = RunOptions.of(Strategy.EVENT_LOOP);
        assertThat(options.option(LoopOptions.class)).isEmpty();
        assertThat(LoopOptions.defaults().loops()).isEqualTo(1);
        assertThat(LoopOptions.defaults().blockedLoopWarning()).contains(Duration.ofMillis(100));
        assertThat(options.loops(2).option(LoopOptions.class).orElseThrow().loops()).isEqualTo(2);
        assertThat(options.loops(2).blockedLoopWarning(Duration.ofMillis(5)).option(LoopOptions.class).orElseThrow())
                .isEqualTo(LoopOptions.defaults().loops(2).blockedLoopWarning(Duration.ofMillis(5)));
        assertThat(options.noBlockedLoopWarning().option(LoopOptions.class).orElseThrow().blockedLoopWarning()).isEmpty();
        assertThatThrownBy(() -> options.loops(0)).hasMessage("loops: 0 (expected: > 0)");
        assertThatThrownBy(() -> options.blockedLoopWarning(Duration.ZERO))
                .hasMessage("blockedLoopWarning: PT0S (expected: > 0)");
        assertThat(options.strategy(Strategy.CALLBACK).loops(3).strategy()).isEqualTo(Strategy.CALLBACK);
    }
}
