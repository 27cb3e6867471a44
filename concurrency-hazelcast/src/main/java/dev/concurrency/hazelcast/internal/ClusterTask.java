package dev.concurrency.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import dev.concurrency.Gil;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * One task on its way to a member: the task serialized by the caller (so that a
 * class missing on the member fails the task, not Hazelcast's own reading), its
 * key (for cancellation), index, name and interpreter lock. Runs on a thread of
 * the member's executor, through the member's {@link MemberSide}. Written field
 * by field ({@link DataSerializable}), not with Java serialization: one crosses
 * the wire for every task.
 */
final class ClusterTask implements Callable<MemberReply>, DataSerializable, HazelcastInstanceAware {

    private String key;
    private byte[] task;
    private int index;
    private String name;
    private GilForm gil;
    private boolean durable;
    /** Set by Hazelcast on the member before {@link #call}. */
    private transient HazelcastInstance member;

    /** For Hazelcast, which reads the fields in. */
    ClusterTask() {
    }

    ClusterTask(String key, byte[] task, int index, String name, GilForm gil, boolean durable) {
        this.key = key;
        this.task = task;
        this.index = index;
        this.name = name;
        this.gil = gil;
        this.durable = durable;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(key);
        out.writeByteArray(task);
        out.writeInt(index);
        out.writeString(name);
        out.writeInt(gil.kind().ordinal());
        out.writeLong(gil.switchNanos());
        out.writeInt(gil.checkInterval());
        out.writeBoolean(durable);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        key = in.readString();
        task = in.readByteArray();
        index = in.readInt();
        name = in.readString();
        gil = new GilForm(Gil.Kind.values()[in.readInt()], in.readLong(), in.readInt());
        durable = in.readBoolean();
    }

    @Override
    public MemberReply call() {
        return MemberSide.of(member).run(this);
    }

    String key() {
        return key;
    }

    byte[] task() {
        return task;
    }

    int index() {
        return index;
    }

    String name() {
        return name;
    }

    GilForm gil() {
        return gil;
    }

    boolean durable() {
        return durable;
    }
}
