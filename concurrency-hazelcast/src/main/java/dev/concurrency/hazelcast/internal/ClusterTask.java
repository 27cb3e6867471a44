package dev.concurrency.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * One task on its way to a member: the task serialized by the caller (so that a
 * class missing on the member fails the task, not Hazelcast's own reading), its
 * key (for cancellation), index, name and interpreter lock. Runs on a thread of
 * the member's executor, through the member's {@link MemberSide}.
 */
final class ClusterTask implements Callable<MemberReply>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;
    private final byte[] task;
    private final int index;
    private final String name;
    private final GilForm gil;
    private final boolean durable;
    /** Set by Hazelcast on the member before {@link #call}. */
    private transient HazelcastInstance member;

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
