package dev.concurrency.hazelcast.internal;

import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import com.hazelcast.topic.ITopic;
import dev.concurrency.Outcome;
import dev.concurrency.WorkerStats;
import dev.concurrency.hazelcast.ClusterOptions;
import dev.concurrency.hazelcast.MemberLostException;
import dev.concurrency.spi.Engine;
import dev.concurrency.spi.EngineSetup;
import dev.concurrency.spi.RemoteFigures;
import dev.concurrency.spi.SerializedTask;
import dev.concurrency.spi.TaskExecution;
import java.io.IOException;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.concurrency.Strategy#CLUSTER}'s engine: sends each task to a
 * member it chooses (the least busy one that is up) and finishes the task's
 * execution with the member's reply.
 *
 * <pre>
 *  start: serialize -> choose a member -> begin(cancel = publish on the cancel topic) -> submit
 *  end:   the member's reply, or the member's loss (it left the cluster, its JVM died,
 *         its connection closed), whichever comes first; a cancellation decided earlier wins
 * </pre>
 * At most once ({@code IExecutorService.submitToMember}): a task whose member is
 * lost fails with {@link MemberLostException}. At least once with
 * {@link ClusterOptions#durable()} ({@code DurableExecutorService.submitToKeyOwner}
 * with a key the chosen member owns): a lost member's tasks run again on the
 * member that takes over its partitions, so their executions wait for that reply.
 *
 * <p>Thread-safe: {@link #start} runs on the library's threads, replies and
 * membership events on Hazelcast's, member deaths on a member's reader thread.
 */
final class ClusterEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(ClusterEngine.class);
    /** How long the members may take to answer the hello. */
    private static final Duration HELLO_LIMIT = Duration.ofSeconds(30);
    /** How many keys are tried to find one whose partition the chosen member owns. */
    private static final int OWNED_KEY_TRIES = 10_000;

    private final ClusterConnection cluster;
    private final boolean durable;
    private final GilForm gil;
    private final String runnerKey = UUID.randomUUID().toString();
    private final AtomicLong keys = new AtomicLong();
    private final Map<UUID, MemberRef> members = new ConcurrentHashMap<>();
    private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong reruns = new AtomicLong();
    private final String threadPrefix;
    private final IExecutorService executor;
    private final DurableExecutorService durableExecutor;
    private final ITopic<String> cancels;
    /** The registration of this runner's membership listener, removed when it closes. */
    private final UUID membershipRegistration;
    /** Closes the cluster; made by the first {@link #shutdown}, guarded by {@code this}. */
    private Thread closer;

    ClusterEngine(EngineSetup setup) {
        ClusterOptions options = setup.option(ClusterOptions.class, ClusterOptions.defaults());
        this.durable = options.isDurable();
        this.gil = GilForm.of(setup.options().gil());
        this.threadPrefix = setup.threadNamePrefix();
        this.cluster = options.isEmbedded()
                ? EmbeddedCluster.start(options, threadPrefix, this::memberDied)
                : ExistingCluster.connect(options);
        try {
            HazelcastInstance instance = cluster.instance();
            this.executor = instance.getExecutorService(Names.EXECUTOR);
            this.durableExecutor = instance.getDurableExecutorService(Names.EXECUTOR);
            this.cancels = instance.getTopic(Names.CANCEL_TOPIC);
            this.membershipRegistration = instance.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    log.debug("{} joined the cluster; tasks go only to the members known at the start",
                            event.getMember());
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    MemberRef ref = members.get(event.getMember().getUuid());
                    if (ref != null) {
                        lost(ref, "it left the cluster");
                    }
                }
            });
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        try {
            greet();
        } catch (RuntimeException | Error e) {
            close(); // the listener too: a caller's instance outlives this engine
            throw e;
        }
    }

    /** Sends {@link MemberHello} to every member, which sets up its side, and learns their figures. */
    private void greet() {
        Map<Member, Future<MemberReply>> answers = executor.submitToAllMembers(new MemberHello());
        long deadline = System.nanoTime() + HELLO_LIMIT.toNanos();
        int order = 0;
        for (Map.Entry<Member, Future<MemberReply>> answer : answers.entrySet()) {
            Member member = answer.getKey();
            try {
                MemberReply hello = answer.getValue().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                members.put(member.getUuid(), new MemberRef(++order, member, cluster.process(member), hello));
            } catch (ExecutionException e) {
                throw new IllegalStateException("CLUSTER: member " + member.getAddress() + " cannot run this "
                        + "library's tasks (" + e.getCause() + "); put concurrency-core, concurrency-hazelcast and "
                        + "the tasks' classes on every member's class path (this library never ships code)", e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("CLUSTER: member " + member.getAddress() + " did not answer within "
                        + HELLO_LIMIT.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("CLUSTER was interrupted while greeting its members", e);
            }
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("CLUSTER: the cluster has no member to run tasks on");
        }
    }

    @Override
    public void start(TaskExecution<?> execution) {
        startOn(execution);
    }

    private <T> void startOn(TaskExecution<T> execution) {
        byte[] bytes;
        try {
            bytes = SerializedTask.write(execution.task(), execution.info(), "a cluster member");
        } catch (NotSerializableException e) {
            execution.failToStart(e);
            return;
        }
        MemberRef ref = choose();
        if (ref == null) {
            execution.failToStart(new IllegalStateException(execution.info() + ": CLUSTER has no member left to "
                    + "run it (all " + members.size() + " died or left the cluster); open a new runner"));
            return;
        }
        String key = runnerKey + "-" + keys.incrementAndGet();
        ClusterTask job = new ClusterTask(key, bytes, execution.info().index(), execution.info().name(), gil, durable);
        String target = durable ? Names.EVERY_MEMBER : ref.member().getUuid().toString();
        if (!execution.begin(() -> cancel(target, key))) {
            return;
        }
        Pending<T> task = new Pending<>(execution, ref, key);
        ref.sent();
        pending.put(key, task);
        try {
            if (durable) {
                durableExecutor.submitToKeyOwner(job, keyOwnedBy(ref, key))
                        .whenComplete((reply, error) -> task.complete(reply, error));
            } else {
                Future<MemberReply> reply = executor.submitToMember(job, ref.member());
                if (reply instanceof CompletionStage<?> stage) {
                    stage.whenComplete((r, e) -> task.complete((MemberReply) r, e)); // on the receiving thread
                } else { // not so in Hazelcast 5: a thread of its own waits for it
                    Thread.ofVirtual().name(threadPrefix + "cluster-reply").start(() -> task.await(reply));
                }
            }
        } catch (RuntimeException e) {
            task.complete(null, e);
        }
    }

    /** The interrupter of a task: asks its member to cancel it. Does not block. */
    private void cancel(String target, String key) {
        try {
            cancels.publishAsync(target + " " + key);
        } catch (RuntimeException e) {
            log.debug("could not ask the cluster to cancel task {}: {}", key, e.toString());
        }
    }

    /** {@return the member up with the fewest tasks in flight (the lowest number on a tie), or null if none is up} */
    private MemberRef choose() {
        return members.values().stream().filter(MemberRef::isUp)
                .min(Comparator.comparingInt(MemberRef::inFlight).thenComparingInt(MemberRef::id))
                .orElse(null);
    }

    /** {@return a partition key that {@code ref}'s member owns, so that the durable executor runs the task there} */
    private String keyOwnedBy(MemberRef ref, String key) {
        PartitionService partitions = cluster.instance().getPartitionService();
        for (int i = 0; i < OWNED_KEY_TRIES; i++) {
            String candidate = key + "/" + i;
            Member owner = partitions.getPartition(candidate).getOwner();
            if (owner != null && owner.getUuid().equals(ref.member().getUuid())) {
                return candidate;
            }
        }
        return key;
    }

    /** Drops a durable task's run marker once its outcome is here (it would expire within the hour anyway). */
    private void forgetRuns(String key) {
        try {
            cluster.instance().getMap(Names.RUNS_MAP).removeAsync(key);
        } catch (RuntimeException e) {
            log.debug("could not drop the run marker of task {}: {}", key, e.toString());
        }
    }

    /** A member's JVM, started by this runner, exited. */
    private void memberDied(MemberProcess process) {
        var status = process.awaitExit();
        String why = "its JVM exited" + (status.isPresent() ? " with status " + status.getAsInt() : "");
        for (MemberRef ref : members.values()) {
            if (ref.id() == process.id()) {
                lost(ref, why);
            }
        }
    }

    /** A member left: under at-most-once delivery, its tasks fail now. */
    private void lost(MemberRef ref, String why) {
        ref.markGone();
        if (durable) {
            log.warn("{}: {}; its durable tasks run again on the member that takes over its partitions", ref, why);
            return;
        }
        log.warn("{}: {}; its running tasks fail, the others carry on on the remaining members", ref, why);
        for (Pending<?> task : pending.values()) {
            if (task.ref == ref) {
                task.lose(why);
            }
        }
    }

    @Override
    public int liveThreads() {
        return cluster.liveThreads();
    }

    @Override
    public RemoteFigures remoteFigures() {
        long cpu = members.values().stream().mapToLong(MemberRef::cpuNanos).sum();
        List<WorkerStats> up = members.values().stream().filter(MemberRef::isUp).map(MemberRef::stats)
                .sorted(Comparator.comparingInt(WorkerStats::id)).toList();
        return new RemoteFigures(cpu, up, reruns.get());
    }

    @Override
    public synchronized void shutdown() {
        if (closer == null) {
            closer = Thread.ofPlatform().daemon().name(threadPrefix + "cluster-close").start(this::close);
        }
    }

    /**
     * Lets go of the cluster: first this runner's membership listener, which an instance the caller owns (or a
     * {@code LocalCluster}'s) would otherwise keep, with this engine, for as long as it runs.
     */
    private void close() {
        try {
            cluster.instance().getCluster().removeMembershipListener(membershipRegistration);
        } catch (RuntimeException e) {
            log.debug("could not remove the membership listener: {}", e.toString());
        }
        cluster.close();
    }

    @Override
    public boolean awaitTermination(long timeoutNanos) throws InterruptedException {
        Thread c;
        synchronized (this) {
            c = closer;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        if (c != null && !c.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            return false;
        }
        return c != null && cluster.liveThreads() == 0;
    }

    /** One task sent to a member, until its reply or its member's loss. */
    private final class Pending<T> {

        private final TaskExecution<T> execution;
        private final MemberRef ref;
        private final String key;

        Pending(TaskExecution<T> execution, MemberRef ref, String key) {
            this.execution = execution;
            this.ref = ref;
            this.key = key;
        }

        void complete(MemberReply reply, Throwable error) {
            if (!pending.remove(key, this)) {
                return; // its member's loss ended it
            }
            ref.answered();
            if (durable) {
                forgetRuns(key);
            }
            if (error != null) {
                Throwable cause = unwrap(error);
                execution.finish(new Outcome.Failure<>(!ref.isUp() || isLoss(cause)
                        ? new MemberLostException(execution.info().toString(), ref.toString(), cause)
                        : new IllegalStateException(execution.info() + ": CLUSTER could not run it on " + ref + ": "
                        + cause, cause)));
                return;
            }
            MemberRef ran = members.values().stream().filter(m -> m.pid() == reply.pid()).findFirst().orElse(ref);
            ran.update(reply);
            if (reply.rerun()) {
                reruns.incrementAndGet();
                log.info("{}: ran again on {} after its first member was lost", execution.info(), ran);
            }
            execution.reportGil(reply.result().gil());
            execution.finish(reply.result().outcome(execution.info(), ran.toString()));
        }

        void await(Future<MemberReply> reply) {
            try {
                complete(reply.get(), null);
            } catch (ExecutionException e) {
                complete(null, e.getCause());
            } catch (InterruptedException e) {
                complete(null, e);
            }
        }

        void lose(String why) {
            if (pending.remove(key, this)) {
                ref.answered();
                execution.finish(new Outcome.Failure<>(new MemberLostException(execution.info().toString(),
                        ref.toString(), new IllegalStateException(why))));
            }
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static boolean isLoss(Throwable e) {
        return e instanceof MemberLeftException || e instanceof TargetDisconnectedException
                || e instanceof TargetNotMemberException || e instanceof HazelcastInstanceNotActiveException
                || e instanceof HazelcastClientNotActiveException || e instanceof HazelcastClientOfflineException
                || e instanceof IOException;
    }
}
