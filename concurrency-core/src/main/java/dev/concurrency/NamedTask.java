package dev.concurrency;

/** A task with a name given by {@link Task#named(String, Task)}. */
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
