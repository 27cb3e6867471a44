package dev.concurrency;

/**
 * A task with a name given by {@link Task#named(String, Task)}.
 *
 * @param name the name, shown by {@link #toString()}
 * @param task the task that runs
 * @param <T>  the task's result type
 */

record NamedTask<T>(String name, Task<T> task) implements Task<T> {

    @Override
    public T run(TaskContext ctx) throws Exception {
        return task.run(ctx);
    }

    @Override
    public String toString() {
        return "Task[" + name + "]";
    }
}
