package dev.concurrency.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Java serialization round trips: what a strategy that runs tasks in worker
 * processes does to each task. Run a copy of each task under the in-process
 * strategies to check, in one JVM, that the tasks are serializable and that
 * what the test observes still reaches it when tasks share nothing with it
 * (a captured latch or counter is a copy; a {@link Probe}, {@link Gate} or
 * {@link SharedCounters} still reports).
 *
 * <pre>{@code
 * Concurrency.run(Serialization.copies(tasks), strategy);
 * }</pre>
 *
 * This class is thread-safe.
 */
public final class Serialization {

    private Serialization() {
    }

    /**
     * Serializes {@code object} and deserializes the bytes.
     *
     * @param object what to copy; may be {@code null}
     * @param <T>    its type
     * @return a deep copy, as another process would receive it
     * @throws IllegalArgumentException if it cannot be serialized, naming what part of it cannot and how to fix it
     */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T copy(T object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new IllegalArgumentException("not serializable: " + object + " (" + e + ")" + fix(e), e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot deserialize: " + object + " (" + e + ")", e);
        }
    }

    /** {@return how to make what {@code e} names serializable, or nothing if it names nothing} */
    static String fix(IOException e) {
        if (!(e instanceof NotSerializableException) || e.getMessage() == null) {
            return "";
        }
        String type = e.getMessage();
        if (type.contains("$$Lambda")) {
            return "; " + type + " is a lambda or method reference of a type that is not Serializable: give it one"
                    + " with an intersection cast, such as (Callable<V> & Serializable) or (Task<V> & Serializable),"
                    + " or create it inside the task";
        }
        return "; make " + type + " Serializable, mark the field that holds it transient, or do not capture it"
                + " (-Dsun.io.serialization.extendedDebugInfo=true shows the path to it)";
    }

    /**
     * Copies each object through its own serialization round trip, so copies
     * share nothing with each other, as tasks sent to worker processes one by one.
     *
     * @param objects what to copy, each on its own
     * @param <T>     their type
     * @return a {@link #copy} of each, in order
     * @throws IllegalArgumentException if one cannot be serialized, naming it

     */
    public static <T extends Serializable> List<T> copies(List<? extends T> objects) {
        List<T> copies = new ArrayList<>(objects.size());
        for (T object : objects) {
            copies.add(copy(object));
        }
        return copies;
    }
}
