package dev.concurrency.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Tasks, results and exceptions as bytes, for the strategies that run tasks in
 * other JVMs: Java serialization, resolving classes with the calling thread's
 * context class loader first. Stateless and thread-safe.
 */
public final class SerialForm {

    private SerialForm() {
    }

    /**
     * Serializes an object.
     *
     * @param object the object
     * @return its bytes
     * @throws IOException if it, or something it holds, cannot be serialized
     */
    public static byte[] toBytes(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes an object, resolving classes with the context class loader
     * of the calling thread first (where the tasks' classes live).
     *
     * @param bytes what {@link #toBytes} made
     * @return the object
     * @throws IOException            if the bytes are not a serialized object
     * @throws ClassNotFoundException if a class it needs is missing here
     */
    public static Object fromBytes(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {

        LoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // a primitive or a class of another loader: fall through
                }
            }
            return super.resolveClass(desc);
        }
    }
}
