package dev.concurrency.internal.process;

import dev.concurrency.Gil;
import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.CpuClock;
import dev.concurrency.internal.engine.Execution;
import dev.concurrency.internal.engine.ExecutionObserver;
import dev.concurrency.internal.gil.GilHolder;
import dev.concurrency.internal.gil.GlobalLock;
import dev.concurrency.internal.thread.BlockingTaskContext;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;

/**
 * Runs jobs inside a worker process, one at a time, and answers each with a
 * {@link Message.Reply}. A task runs as under {@code THREAD}: its context's
 * waits block the task thread. With a GIL, the worker has its own lock, as
 * each Python process has its own interpreter. Used by the worker's main
 * thread only.
 */
final class JobRunner {

    private static final ExecutionObserver NO_OBSERVER = new ExecutionObserver() {
        @Override
        public void started(Execution<?> execution) {
        }

        @Override
        public void ended(Execution<?> execution) {
        }
    };

    private final DataOutputStream frames;
    /** The worker's interpreter lock, made by the first job that asks for one. */
    private GlobalLock gil;

    JobRunner(DataOutputStream frames) {
        this.frames = frames;
    }

    /**
     * Loads and runs the serialization and task paths once, with a trivial
     * task, before the worker says it is ready: a worker's first real task
     * then does not pay for them (they take a good part of a JVM's start).
     */
    static void warmUp() throws IOException {
        try {
            dev.concurrency.Task<String> trivial = ctx -> "ready";
            Task<?> copy = (Task<?>) Frames.fromBytes(Frames.toBytes(trivial));
            Execution<?> execution = new Execution<>(copy, new TaskInfo(0, "warm-up"), NO_OBSERVER, null);
            execution.run(new BlockingTaskContext(execution));
            Frames.toBytes(((Outcome.Success<?>) execution.outcome()).value());
        } catch (ClassNotFoundException | RuntimeException e) {
            throw new IOException("the worker could not warm up: " + e, e);
        }
    }

    void send(Message message) throws IOException {
        Frames.write(frames, message);
    }

    void run(Message.Job job) throws IOException {
        TaskInfo info = new TaskInfo(job.index(), job.name());
        Task<?> task;
        try {
            task = (Task<?>) Frames.fromBytes(job.task());
        } catch (IOException | ClassNotFoundException | ClassCastException | LinkageError e) {
            IllegalStateException error = new IllegalStateException(info
                    + " could not be read in the worker process (is its class on the worker's class path?): " + e, e);
            send(new Message.Reply(job.id(), false, failure(info, error), GilStats.NONE, CpuClock.processCpuNanos()));
            return;
        }
        Execution<?> execution = new Execution<>(task, info, NO_OBSERVER, holder(job.gil()));
        execution.run(new BlockingTaskContext(execution));
        boolean success = execution.outcome() instanceof Outcome.Success<?>;
        byte[] payload;
        if (execution.outcome() instanceof Outcome.Success<?> result) {
            try {
                payload = Frames.toBytes(result.value());
            } catch (IOException e) {
                success = false;
                payload = failure(info, new NotSerializableException(info + " returned a "
                        + result.value().getClass().getName() + ", which cannot be sent back from the worker process ("
                        + e + "); return a Serializable value"));
            }
        } else {
            payload = failure(info, ((Outcome.Failure<?>) execution.outcome()).error());
        }
        send(new Message.Reply(job.id(), success, payload, execution.gilStats(), CpuClock.processCpuNanos()));
    }

    private GilHolder holder(Gil requested) {
        if (requested.isOff()) {
            return null;
        }
        if (gil == null) {
            gil = new GlobalLock(requested);
        }
        return gil.newHolder();
    }

    /** @return the serialized error, or a stand-in keeping its class name, message and stack when it will not serialize */
    private static byte[] failure(TaskInfo info, Throwable error) throws IOException {
        try {
            return Frames.toBytes(error);
        } catch (IOException e) {
            return Frames.toBytes(RemoteTaskException.standIn(error));
        }
    }
}
