package dev.concurrency.spi;

import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.RemoteStackTrace;
import dev.concurrency.RemoteTaskException;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.SerialForm;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A task's outcome on its way back from another JVM: its result or exception
 * in serialized form, and what that JVM's interpreter lock did for it. Made
 * where the task ran ({@link #of}), turned back into an {@link Outcome} where it
 * was submitted ({@link #outcome}). A result that cannot be serialized becomes
 * a {@link NotSerializableException} naming the task and the class; an
 * exception that cannot be becomes a {@link RemoteTaskException} with its class
 * name, message and stack. Immutable and thread-safe.
 */
public final class RemoteResult implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Whether {@code payload} is the task's serialized result, rather than a serialized exception. */
    private final boolean success;
    /** The serialized result or exception, in Java serialization's form. */
    private final byte[] payload;
    /** {@link GilStats#acquisitions()} where the task ran. */
    private final long gilAcquisitions;
    /** {@link GilStats#waitTime()} where the task ran, in nanoseconds. */
    private final long gilWaitNanos;
    /** {@link GilStats#holdTime()} where the task ran, in nanoseconds. */
    private final long gilHoldNanos;
    /** {@link GilStats#forcedDrops()} where the task ran. */
    private final long gilForcedDrops;
    /** {@link GilStats#switches()} where the task ran. */
    private final long gilSwitches;

    private RemoteResult(boolean success, byte[] payload, GilStats gil) {
        this.success = success;
        this.payload = payload;
        this.gilAcquisitions = gil.acquisitions();
        this.gilWaitNanos = gil.waitTime().toNanos();
        this.gilHoldNanos = gil.holdTime().toNanos();
        this.gilForcedDrops = gil.forcedDrops();
        this.gilSwitches = gil.switches();
    }

    /**
     * Packs an outcome where the task ran.
     *
     * @param info    the task, for errors
     * @param outcome its outcome
     * @param gil     what the interpreter lock did for it
     * @return the packed outcome
     * @throws IOException if not even a stand-in for its exception can be serialized
     */
    public static RemoteResult of(TaskInfo info, Outcome<?> outcome, GilStats gil) throws IOException {
        Objects.requireNonNull(outcome, "outcome is null");
        Objects.requireNonNull(gil, "gil is null");
        return switch (outcome) {
            case Outcome.Success<?> s -> success(info, s.value(), gil);
            case Outcome.Failure<?> f -> new RemoteResult(false, failure(f.error()), gil);
            case Outcome.Cancelled<?> c -> new RemoteResult(false,
                    failure(new CancellationException(info + " was cancelled where it ran")), gil);
            case Outcome.TimedOut<?> t -> new RemoteResult(false,
                    failure(new CancellationException(info + " timed out where it ran")), gil);
        };
    }

    /**
     * Rebuilds a packed outcome from its parts, as a transport that sends them one by one received them.
     *
     * @param success whether {@code payload} is the serialized result (else the serialized exception)
     * @param payload the serialized result or exception
     * @param gil     what the interpreter lock did
     * @return the packed outcome
     * @throws NullPointerException if {@code payload} or {@code gil} is null
     */
    public static RemoteResult of(boolean success, byte[] payload, GilStats gil) {
        return new RemoteResult(success, Objects.requireNonNull(payload, "payload is null"),
                Objects.requireNonNull(gil, "gil is null"));
    }

    private static RemoteResult success(TaskInfo info, Object value, GilStats gil) throws IOException {
        try {
            return new RemoteResult(true, SerialForm.toBytes(value), gil);
        } catch (IOException | RuntimeException e) {
            NotSerializableException error = new NotSerializableException(info + " returned a "
                    + value.getClass().getName() + ", which cannot be sent back from the worker process ("
                    + e + "); return a Serializable value");
            error.initCause(null);
            return new RemoteResult(false, failure(error), gil);
        }
    }

    private static byte[] failure(Throwable error) throws IOException {
        try {
            return SerialForm.toBytes(error);
        } catch (IOException | RuntimeException e) {
            return SerialForm.toBytes(RemoteTaskException.standIn(error));
        }
    }

    /**
     * Unpacks the outcome where the task was submitted. An exception gets a
     * {@link RemoteStackTrace} saying where it was thrown.
     *
     * @param info  the task
     * @param where where it ran, e.g. {@code "worker 1 (pid 42)"}
     * @param <T>   its result type
     * @return the outcome; a failure saying so if the payload cannot be read in this JVM
     */
    @SuppressWarnings("unchecked")
    public <T> Outcome<T> outcome(TaskInfo info, String where) {
        Object value;
        try {
            value = SerialForm.fromBytes(payload);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return new Outcome.Failure<>(new IllegalStateException(info
                    + ": what its worker sent back cannot be read in this process: " + e, e));
        }
        if (success) {
            return new Outcome.Success<>((T) value);
        }
        return new Outcome.Failure<>(attach((Throwable) value, info + " in " + where));
    }

    private static Throwable attach(Throwable error, String where) {
        RemoteStackTrace trace = new RemoteStackTrace(where, error.getStackTrace());
        if (error.getCause() == null) {
            try {
                error.initCause(trace);
                return error;
            } catch (IllegalStateException | IllegalArgumentException e) {
                // its cause was set to null explicitly: fall back to a suppressed exception
            }
        }
        error.addSuppressed(trace);
        return error;
    }

    /**
     * {@return whether the payload is the task's result} Otherwise it is an
     * exception: the task's own, a {@link java.util.concurrent.CancellationException}
     * when it was cancelled or timed out, or a {@link NotSerializableException}
     * when its result could not be serialized.
     */
    public boolean success() {
        return success;
    }

    /** {@return the serialized result or exception, not copied: do not modify it} */

    public byte[] payload() {
        return payload;
    }

    /** {@return what the interpreter lock where the task ran did for it} */
    public GilStats gil() {
        return new GilStats(gilAcquisitions, Duration.ofNanos(gilWaitNanos), Duration.ofNanos(gilHoldNanos),
                gilForcedDrops, gilSwitches);
    }
}
