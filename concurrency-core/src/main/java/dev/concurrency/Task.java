package dev.concurrency;

import java.io.Serializable;
import java.util.Objects;

/**
 * A unit of work, written in direct style: it may block, through its
 * {@link TaskContext}, and returns a value or throws.
 *
 * <p>The same task runs under every {@link Strategy}. Code that waits should do
 * so through the context ({@code ctx.sleep}, {@code ctx.connect}, {@code ctx.await},
 * {@code ctx.blocking}) so that each strategy can wait in its own way, and code
 * that computes for long should call {@link TaskContext#checkpoint()} now and
 * then, where it notices cancellation. Tasks are {@link Serializable} so that a
 * strategy running them in another process can ship them; lambdas qualify.
 *
 * <pre>{@code
 * Task<Integer> answer = ctx -> { ctx.sleep(Duration.ofMillis(10)); return 42; };
 * Task<Integer> named = Task.named("answer", answer);
 * }</pre>
 *
 * <p>A task need not be thread-safe: each run of it happens on one thread at a time (a loop, a thread, a worker), unless you submit the same instance to several runs at once.
 *
 * @param <T> the type of the task's result
 */
@FunctionalInterface
public interface Task<T> extends Serializable {

    /**
     * Runs the task.
     *
     * @param ctx the operations this task may wait on; valid only during this call
     * @return the task's result (may be {@code null})
     * @throws Exception any failure; it becomes this task's {@link Outcome.Failure}
     */
    T run(TaskContext ctx) throws Exception;

    /**
     * The task's name as shown in errors, logs and events; empty when the task
     * has none. Name a lambda with {@link #named(String, Task)}.
     *
     * @return the name, never {@code null}
     */
    default String name() {
        return "";
    }

    /**
     * Gives a task a name.
     *
     * @param name the name shown in errors, logs and events
     * @param task the task to run
     * @param <T>  the type of the task's result
     * @return a task that runs {@code task} and reports {@code name}
     */
    static <T> Task<T> named(String name, Task<T> task) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(task, "task is null");
        return new NamedTask<>(name, task);
    }
}
