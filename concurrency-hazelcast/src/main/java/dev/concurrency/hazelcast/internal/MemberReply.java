package dev.concurrency.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.concurrency.GilStats;
import dev.concurrency.spi.RemoteResult;
import java.io.IOException;
import java.time.Duration;

/**
 * What a member sends back for a task (or for {@link MemberHello}): the task's
 * packed outcome, and the member's figures as of then. Written field by field
 * ({@link DataSerializable}), not with Java serialization: a reply crosses the
 * wire for every task.
 */
final class MemberReply implements DataSerializable {

    /** The task's outcome; {@code null} for a hello. */
    private RemoteResult result;
    /** The member JVM's process id. */
    private long pid;
    /** The member JVM's CPU time so far. */
    private long cpuNanos;
    /** How many tasks the member has run. */
    private long tasks;
    /** Whether this run was the task's second or later (durable delivery only). */
    private boolean rerun;

    /** For Hazelcast, which reads the fields in. */
    MemberReply() {
    }

    MemberReply(RemoteResult result, long pid, long cpuNanos, long tasks, boolean rerun) {
        this.result = result;
        this.pid = pid;
        this.cpuNanos = cpuNanos;
        this.tasks = tasks;
        this.rerun = rerun;
    }

    RemoteResult result() {
        return result;
    }

    long pid() {
        return pid;
    }

    long cpuNanos() {
        return cpuNanos;
    }

    long tasks() {
        return tasks;
    }

    boolean rerun() {
        return rerun;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(pid);
        out.writeLong(cpuNanos);
        out.writeLong(tasks);
        out.writeBoolean(rerun);
        out.writeBoolean(result != null);
        if (result != null) {
            out.writeBoolean(result.success());
            out.writeByteArray(result.payload());
            GilStats gil = result.gil();
            out.writeLong(gil.acquisitions());
            out.writeLong(gil.waitTime().toNanos());
            out.writeLong(gil.holdTime().toNanos());
            out.writeLong(gil.forcedDrops());
            out.writeLong(gil.switches());
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        pid = in.readLong();
        cpuNanos = in.readLong();
        tasks = in.readLong();
        rerun = in.readBoolean();
        if (in.readBoolean()) {
            boolean success = in.readBoolean();
            byte[] payload = in.readByteArray();
            GilStats gil = new GilStats(in.readLong(), Duration.ofNanos(in.readLong()), Duration.ofNanos(in.readLong()),
                    in.readLong(), in.readLong());
            result = RemoteResult.of(success, payload, gil);
        }
    }
}
