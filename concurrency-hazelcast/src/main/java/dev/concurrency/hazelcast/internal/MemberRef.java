package dev.concurrency.hazelcast.internal;

import com.hazelcast.cluster.Member;
import dev.concurrency.WorkerStats;
import dev.concurrency.spi.RemoteFigures;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the caller knows of one member: which it is, how many tasks it runs
 * now (to choose the least busy), and its figures as of its last reply.
 * Thread-safe.
 */
final class MemberRef {

    private final int id;
    private final Member member;
    private final Optional<MemberProcess> process;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long pid;
    private volatile long cpuNanos;
    private volatile long tasks;
    private volatile boolean gone;

    MemberRef(int id, Member member, Optional<MemberProcess> process, MemberReply hello) {
        this.id = process.map(MemberProcess::id).orElse(id);
        this.member = member;
        this.process = process;
        update(hello);
    }

    void update(MemberReply reply) {
        pid = reply.pid();
        cpuNanos = reply.cpuNanos();
        tasks = reply.tasks();
    }

    Member member() {
        return member;
    }

    int inFlight() {
        return inFlight.get();
    }

    void sent() {
        inFlight.incrementAndGet();
    }

    void answered() {
        inFlight.decrementAndGet();
    }

    /** {@return whether it can take a task: in the cluster and, if this runner started it, alive} */
    boolean isUp() {
        return !gone && process.map(MemberProcess::isAlive).orElse(true);
    }

    /** It left the cluster or its JVM died. */
    void markGone() {
        gone = true;
    }

    long pid() {
        return pid;
    }

    long cpuNanos() {
        return cpuNanos;
    }

    /** {@return its figures: resident memory only for a member JVM of this machine this runner started} */
    WorkerStats stats() {
        Duration startup = process.map(MemberProcess::startupTime).orElse(Duration.ZERO);
        if (process.isPresent()) {
            return RemoteFigures.processOnThisMachine(id, pid, startup, tasks);
        }
        return new WorkerStats(id, pid, startup, tasks, OptionalLong.empty(), OptionalLong.empty());
    }

    int id() {
        return id;
    }

    @Override
    public String toString() {
        return "member " + id + " (pid " + pid + ", " + member.getAddress() + ")";
    }
}
