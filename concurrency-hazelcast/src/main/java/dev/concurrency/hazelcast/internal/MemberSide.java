package dev.concurrency.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.spi.RemoteResult;
import dev.concurrency.spi.RemoteTaskRunner;
import dev.concurrency.spi.SerializedTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one member JVM keeps for the tasks it runs: one {@link RemoteTaskRunner}
 * (so one interpreter lock per member, as each Python process has its own),
 * the cancellation listener, and its task count.
 *
 * <p>Cancellation: the caller publishes {@code "<member uuid> <task key>"} on the
 * topic {@value Names#CANCEL_TOPIC} ({@code "* <task key>"} for a durable task,
 * which may have moved to another member); this member's listener marks the key
 * cancelled and, if the task runs, cancels it, so its next checkpoint, sleep
 * or socket wait throws. A key marked before its task arrives makes the task
 * end cancelled without running. Thread-safe: tasks run on the executor's
 * threads, the listener on Hazelcast's event threads.
 */
final class MemberSide implements MessageListener<String> {

    /** One per Hazelcast instance in this JVM (a member JVM has one). */
    private static final Map<String, MemberSide> BY_INSTANCE = new ConcurrentHashMap<>();
    private static final long PID = ProcessHandle.current().pid();
    /** How long a durable task's run marker is kept (it only has to outlive one member's death). */
    private static final long RUN_MARKER_HOURS = 1;

    private final HazelcastInstance member;
    private final String self;
    private final RemoteTaskRunner runner = new RemoteTaskRunner();
    private final Map<String, Runnable> running = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicLong tasks = new AtomicLong();

    private MemberSide(HazelcastInstance member) {
        this.member = member;
        this.self = member.getCluster().getLocalMember().getUuid().toString();
        member.<String>getTopic(Names.CANCEL_TOPIC).addMessageListener(this);
    }

    /**
     * @param member the member this JVM runs
     * @return its side, set up on first use
     */
    static MemberSide of(HazelcastInstance member) {
        return BY_INSTANCE.computeIfAbsent(member.getName(), name -> new MemberSide(member));
    }

    @Override
    public void onMessage(Message<String> message) {
        String text = message.getMessageObject();
        int space = text.indexOf(' ');
        String target = space < 0 ? "" : text.substring(0, space);
        if (!target.equals(self) && !target.equals(Names.EVERY_MEMBER)) {
            return; // another member's task
        }
        String key = text.substring(space + 1);
        cancelled.add(key);
        Runnable cancel = running.get(key);
        if (cancel != null) {
            cancel.run();
        }
    }

    MemberReply hello() {
        return new MemberReply(null, PID, cpuNanos(), tasks.get(), false);
    }

    MemberReply run(ClusterTask job) {
        TaskInfo info = new TaskInfo(job.index(), job.name());
        String key = job.key();
        boolean rerun = job.durable() && firstRunElsewhere(key);
        RemoteResult result;
        try {
            if (cancelled.remove(key)) {
                result = RemoteResult.of(info, new Outcome.Cancelled<>(), GilStats.NONE);
            } else {
                result = runHere(job, info, key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(info + ": not even a stand-in for its exception could be serialized", e);
        } finally {
            running.remove(key);
            cancelled.remove(key);
        }
        return new MemberReply(result, PID, cpuNanos(), tasks.incrementAndGet(), rerun);
    }

    private RemoteResult runHere(ClusterTask job, TaskInfo info, String key) throws IOException {
        Task<?> task;
        try {
            task = SerializedTask.read(job.task(), info, "cluster member " + self + " (pid " + PID + ")");
        } catch (IllegalStateException e) {
            return RemoteResult.of(info, new Outcome.Failure<>(e), GilStats.NONE);
        }
        return runner.run(task, info, job.gil().gil(), cancel -> {
            running.put(key, cancel);
            if (cancelled.contains(key)) { // cancelled as it arrived, before the put
                cancel.run();
            }
        });
    }

    /** Records this run of a durable task; {@return whether an earlier run (on a member since gone) was recorded} */
    private boolean firstRunElsewhere(String key) {
        IMap<String, String> runs = member.getMap(Names.RUNS_MAP);
        return runs.putIfAbsent(key, self, RUN_MARKER_HOURS, TimeUnit.HOURS) != null;
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }
}
