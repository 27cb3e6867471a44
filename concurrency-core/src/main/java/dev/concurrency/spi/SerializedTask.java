package dev.concurrency.spi;

import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.SerialForm;
import java.io.IOException;
import java.io.NotSerializableException;

/**
 * A task on its way to another JVM, in Java serialization's form, with the
 * errors a user can act on when it cannot make the trip: {@link #write} names
 * the class that is not {@code Serializable} (and how to fix a lambda), and
 * {@link #read} says which class path lacked the task's classes. Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] bytes = SerializedTask.write(task, info, "a cluster member");   // where it is submitted
 * Task<?> copy = SerializedTask.read(bytes, info, "the member");         // where it runs
 * }</pre>
 */
public final class SerializedTask {

    private SerializedTask() {
    }

    /**
     * Serializes a task.
     *
     * @param task        the task
     * @param info        the task, for errors
     * @param destination where it goes, for errors, e.g. {@code "a worker process"}
     * @return its bytes
     * @throws NotSerializableException naming the task and the class that cannot be serialized
     */
    public static byte[] write(Task<?> task, TaskInfo info, String destination) throws NotSerializableException {
        try {
            return SerialForm.toBytes(task);
        } catch (IOException | RuntimeException e) {
            throw notSerializable(info, destination, e);
        }
    }

    /**
     * Deserializes a task where it runs, with the calling thread's context class loader first.
     *
     * @param bytes what {@link #write} made
     * @param info  the task, for errors
     * @param where this JVM, for errors, e.g. {@code "the worker process"}
     * @return the task
     * @throws IllegalStateException naming the task and, if a class is missing, this JVM's class path
     */
    public static Task<?> read(byte[] bytes, TaskInfo info, String where) {
        try {
            return (Task<?>) SerialForm.fromBytes(bytes);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) { // a readObject may throw anything
            throw new IllegalStateException(info + " could not be read in " + where
                    + " (is its class on its class path?): " + e
                    + (e instanceof ClassNotFoundException || e instanceof NoClassDefFoundError
                    ? "; the class path of " + where + ": " + System.getProperty("java.class.path")
                    + "; put the task's classes there" : ""), e);
        }
    }

    private static NotSerializableException notSerializable(TaskInfo info, String destination, Exception e) {
        String offending = e instanceof NotSerializableException n && n.getMessage() != null ? n.getMessage() : null;
        NotSerializableException error = new NotSerializableException(info + " cannot be sent to " + destination
                + ": " + (offending == null ? e.toString()
                : "it holds a " + offending + " (in a field or a captured variable), which is not Serializable;"
                        + (offending.contains("$$Lambda")
                        ? " a lambda is Serializable only when its target type is: write it as, e.g.,"
                        + " (Callable<V> & Serializable) () -> ..., or do not capture it"
                        : " make that type Serializable, or do not capture it")));
        error.initCause(e);
        return error;
    }
}
