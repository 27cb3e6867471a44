package dev.concurrency.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Sent to every member when a runner opens: sets up the member's
 * {@link MemberSide} (so its cancellation listener is in place before any
 * task arrives) and answers with the member's figures. On a cluster this
 * library did not start, it also shows at once whether the members have the
 * library on their class path.
 */
final class MemberHello implements Callable<MemberReply>, Serializable, HazelcastInstanceAware {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Set by Hazelcast on the member before {@link #call}. */
    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.member = instance;
    }

    @Override
    public MemberReply call() {
        return MemberSide.of(member).hello();
    }
}
