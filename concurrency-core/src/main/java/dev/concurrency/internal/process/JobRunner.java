package dev.concurrency.internal.process;

import dev.concurrency.GilStats;
import dev.concurrency.Outcome;
import dev.concurrency.Task;
import dev.concurrency.TaskInfo;
import dev.concurrency.internal.CpuClock;
import dev.concurrency.internal.SerialForm;
import dev.concurrency.spi.RemoteResult;
import dev.concurrency.spi.RemoteTaskRunner;
import dev.concurrency.spi.SerializedTask;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Runs jobs inside a worker process, one at a time, through a
 * {@link RemoteTaskRunner} (a blocking context as under {@code THREAD}, and the
 * worker's own interpreter lock, as each Python process has its own), and
 * answers each with a {@link Message.Reply}. Used by the worker's main thread only.
 */
final class JobRunner {

    private final DataOutputStream frames;
    private final RemoteTaskRunner runner = new RemoteTaskRunner();

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
            Task<String> trivial = ctx -> "ready";
            Task<?> copy = (Task<?>) SerialForm.fromBytes(SerialForm.toBytes(trivial));
            RemoteResult result = new RemoteTaskRunner().run(copy, new TaskInfo(0, "warm-up"), dev.concurrency.Gil.off());
            if (!(result.outcome(new TaskInfo(0, "warm-up"), "warm-up") instanceof Outcome.Success<?>)) {
                throw new IOException("the warm-up task failed");
            }
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
            task = SerializedTask.read(job.task(), info, "the worker process");
        } catch (IllegalStateException e) {
            IllegalStateException error = e.getCause() instanceof ClassNotFoundException
                    || e.getCause() instanceof NoClassDefFoundError
                    ? new IllegalStateException(e.getMessage()
                    + "; set it with RunOptions.workerClassPath(...) if the task's classes lie elsewhere", e.getCause())
                    : e;
            reply(job, RemoteResult.of(info, new Outcome.Failure<>(error), GilStats.NONE));
            return;
        }
        reply(job, runner.run(task, info, job.gil()));
    }

    private void reply(Message.Job job, RemoteResult result) throws IOException {
        send(new Message.Reply(job.id(), result.success(), result.payload(), result.gil(), CpuClock.processCpuNanos()));
    }
}
