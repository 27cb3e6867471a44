package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTest {

    private static final Stats STATS = new Stats(Duration.ofSeconds(2), Duration.ofSeconds(1), List.of(
            new TaskTiming(Duration.ZERO, Duration.ofMillis(10), Duration.ofMillis(30)),
            new TaskTiming(Duration.ZERO, null, Duration.ofMillis(5))), 7);

    @Test
    void valuesAreInInputOrderWhenAllSucceeded() {
        Results<String> results = new Results<>(List.of(new TaskInfo(0, "a"), new TaskInfo(1, "b")),
                List.of(new Outcome.Success<>("x"), new Outcome.Success<>(null)), STATS);
        assertThat(results.values()).containsExactly("x", null);
        assertThat(results.allSucceeded()).isTrue();
        assertThat(results.size()).isEqualTo(2);
    }

    @Test
    void valuesNameTheFirstTaskThatDidNotSucceed() {
        IOException error = new IOException("refused");
        Results<String> results = new Results<>(List.of(new TaskInfo(0, ""), new TaskInfo(1, "fetch")),
                List.of(new Outcome.Success<>("x"), new Outcome.Failure<>(error)), STATS);
        assertThatThrownBy(results::values)
                .isInstanceOf(TaskFailedException.class)
                .hasMessage("tasks[1] 'fetch' failed: java.io.IOException: refused")
                .hasCause(error);
        assertThat(results.toString()).contains("2 tasks: 1 succeeded, 1 failed");
    }

    @Test
    void timingsDeriveQueueAndRunTimes() {
        TaskTiming ran = STATS.tasks().get(0);
        assertThat(ran.queueTime()).isEqualTo(Duration.ofMillis(10));
        assertThat(ran.runTime()).isEqualTo(Duration.ofMillis(20));
        TaskTiming never = STATS.tasks().get(1);
        assertThat(never.startedAt()).isEmpty();
        assertThat(never.runTime()).isZero();
        assertThat(never.queueTime()).isEqualTo(Duration.ofMillis(5));
        assertThat(STATS.tasksPerSecond()).isEqualTo(1.0);
        assertThat(STATS.toString()).contains("wall 2.000 s", "cpu 1.000 s", "2 tasks", "peak threads 7");
    }

    @Test
    void aMismatchOfTasksAndOutcomesIsRejected() {
        assertThatThrownBy(() -> new Results<>(List.of(new TaskInfo(0, "")), List.of(), STATS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outcomes: 0 (expected: one per task, 1)");
    }
}
