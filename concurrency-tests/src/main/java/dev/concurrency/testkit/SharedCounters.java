package dev.concurrency.testkit;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A fixed number of {@code int} counters that every copy of this object
 * shares, in this JVM or in another process of the same machine: a task that
 * captures one, and is serialized to a worker process, updates the counters
 * the test reads. They live in a memory-mapped temporary file; updates are
 * atomic across processes. Close it to delete the file (copies need not be
 * closed).
 *
 * <pre>{@code
 * try (SharedCounters noticed = new SharedCounters(1)) {
 *     Task<String> task = ctx -> { noticed.incrementAndGet(0); return "x"; };
 *     ...
 *     assertThat(noticed.get(0)).isEqualTo(1);
 * }
 * }</pre>
 *
 * This class is thread-safe, and safe across processes.
 */
public final class SharedCounters implements Serializable, AutoCloseable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Atomic access to the ints of a direct buffer: on aligned indexes of a
     * mapped file, getAndAdd and compareAndSet are the processor's atomic
     * instructions, so they hold between processes that map the same file.
     */
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /** The path of the memory-mapped file that holds the counters; every copy maps the same file. */
    private final String file;
    /** How many counters. */
    private final int size;
    /** The mapping; a copy made by deserialization maps the file again (as it is read, or at first use). */
    private transient volatile MappedByteBuffer map;

    /**
     * Creates {@code size} counters, all 0, in a new temporary file.
     *
     * @param size how many counters
     * @throws IllegalArgumentException if {@code size} is negative, or too large for one mapping
     * @throws UncheckedIOException if the file cannot be made
     */
    public SharedCounters(int size) {
        if (size < 0 || size > Integer.MAX_VALUE / Integer.BYTES) {
            throw new IllegalArgumentException("size: " + size + " (expected: 0 to " + Integer.MAX_VALUE / Integer.BYTES + ")");
        }
        this.size = size;
        try {
            Path path = Files.createTempFile("concurrency-testkit-", ".counters");
            path.toFile().deleteOnExit(); // in case a test forgets to close
            this.file = path.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the counters' file", e);
        }
        this.map = mapFile();
    }

    /** {@return how many counters} */
    public int size() {
        return size;
    }

    /**
     * Reads a counter, with volatile semantics.
     *
     * @param index which counter
     * @return its value now
     * @throws IndexOutOfBoundsException if {@code index} is not that of a counter
     */
    public int get(int index) {
        return (int) INT.getVolatile(map(), offset(index));
    }

    /**
     * Adds to a counter, atomically.
     *
     * @param index which counter
     * @param delta what to add
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code index} is not that of a counter
     */
    public int addAndGet(int index, int delta) {
        return (int) INT.getAndAdd(map(), offset(index), delta) + delta;
    }

    /**
     * Adds one to a counter, atomically.
     *
     * @param index which counter
     * @return the new value
     * @throws IndexOutOfBoundsException if {@code index} is not that of a counter
     */
    public int incrementAndGet(int index) {
        return addAndGet(index, 1);
    }

    /**
     * Sets a counter to {@code value} if it has {@code expected}, atomically.
     *
     * @param index    which counter
     * @param expected the value it must have
     * @param value    the value to give it
     * @return whether it had {@code expected} and now has {@code value}
     * @throws IndexOutOfBoundsException if {@code index} is not that of a counter
     */
    public boolean compareAndSet(int index, int expected, int value) {
        return INT.compareAndSet(map(), offset(index), expected, value);
    }

    /**
     * Raises a counter to {@code value} if it is lower.
     *
     * @param index which counter
     * @param value the candidate
     * @throws IndexOutOfBoundsException if {@code index} is not that of a counter
     */
    public void raiseTo(int index, int value) {
        int current;
        do {
            current = get(index);
        } while (current < value && !compareAndSet(index, current, value));
    }

    /** Deletes the file. Copies elsewhere keep their mapping until they are collected. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    @Override
    public String toString() {
        return "SharedCounters[" + file + "]";
    }

    private int offset(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index: " + index + " (expected: 0 to " + (size - 1) + ")");
        }
        return index * Integer.BYTES;
    }

    /** Typed as the var handle's coordinate, {@code ByteBuffer}: its invocations must match it exactly. */
    private ByteBuffer map() {
        MappedByteBuffer m = map;
        if (m == null) {
            synchronized (this) {
                m = map;
                if (m == null) {
                    m = mapFile();
                    map = m;
                }
            }
        }
        return m;
    }

    private MappedByteBuffer mapFile() {
        // At least one int: a mapping of size 0 is allowed but a file of 0 bytes tells nothing.
        long bytes = Math.max(1, size) * (long) Integer.BYTES;
        try (FileChannel channel = FileChannel.open(Path.of(file),
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file + " (closed already?)", e);
        }
    }

    /**
     * Reads a copy and maps its file at once.
     *
     * @param in the stream
     * @throws IOException if the stream cannot be read, or the file cannot be mapped
     * @throws ClassNotFoundException if a class of the stream cannot be found
     * @throws java.io.InvalidObjectException if the copy has no file or a negative size
     */
    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {

        in.defaultReadObject();
        if (size < 0 || file == null) {
            throw new java.io.InvalidObjectException("size: " + size + ", file: " + file);
        }
        map = mapFile(); // now, so that a task's first update costs no more than the next ones
    }
}
