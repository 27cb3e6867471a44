package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskInfoTest {

    @Test
    void describesTasksForMessages() {
        assertThat(new TaskInfo(3, "fetch")).hasToString("tasks[3] 'fetch'");
        assertThat(new TaskInfo(3, "")).hasToString("tasks[3]");
        assertThat(new TaskInfo(TaskInfo.SUBMITTED, "fetch")).hasToString("task 'fetch'");
        assertThat(new TaskInfo(TaskInfo.SUBMITTED, "")).hasToString("submitted task");
    }

    @Test
    void namedTasksKeepTheirNameAndRunTheirBody() throws Exception {
        Task<Integer> task = Task.named("answer", ctx -> 42);
        assertThat(task.name()).isEqualTo("answer");
        assertThat(task.run(null)).isEqualTo(42);
        Task<Integer> unnamed = ctx -> 1;
        assertThat(unnamed.name()).isEmpty();
    }
}
