package dev.concurrency.internal.process;

import dev.concurrency.Outcome;
import dev.concurrency.WorkerCrashedException;
import dev.concurrency.spi.RemoteResult;
import dev.concurrency.spi.SerializedTask;
import dev.concurrency.spi.TaskExecution;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.time.Duration;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place in the pool: a thread of the parent that takes executions from
 * the engine's queue and runs each in its worker process, starting the worker
 * when there is none (so workers start in parallel, one per busy slot), and
 * replacing it when it dies, is killed, or has run its share of tasks.
 *
 * <pre>
 *  per execution: serialize the task -> worker ready? (else launch) -> begin -> call -> finish
 *                 a cancellation kills the worker; the call then meets EOF
 * </pre>
 * Fields are accessed only by the slot's thread; a cancellation kills the
 * running task's worker through the interrupter it was given.
 */
final class WorkerSlot implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(WorkerSlot.class);
    /** How long a worker that stopped talking may take to exit before it is killed. */
    private static final Duration DEATH_GRACE = Duration.ofSeconds(2);

    private final ProcessEngine engine;
    private WorkerProcess worker;
    private int tasksOnWorker;

    WorkerSlot(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public void run() {
        try {
            TaskExecution<?> execution;
            while ((execution = engine.nextExecution()) != null) {
                try {
                    runOne(execution);
                } catch (RuntimeException | Error e) { // the slot's own fault: fail the task, keep serving
                    log.error("{}: the PROCESS slot failed running it; replacing its worker", execution.info(), e);
                    if (!execution.failToStart(e) && !execution.abandon(e)) {
                        execution.finish(new Outcome.Failure<>(e));
                    }
                    if (worker != null) {
                        retire(worker);
                    }
                } finally {
                    engine.finished();
                }
            }
        } finally {
            if (worker != null) {
                retire(worker);
            }
        }
    }

    private <T> void runOne(TaskExecution<T> execution) {
        byte[] task;
        try {
            task = SerializedTask.write(execution.task(), execution.info(), "a worker process");
        } catch (NotSerializableException e) {
            execution.failToStart(e);
            return;
        }
        WorkerProcess w;
        try {
            w = readyWorker(engine.classPathFor(execution.task().getClass()));
        } catch (IOException e) {
            execution.failToStart(new IllegalStateException(execution.info() + ": PROCESS " + e.getMessage(), e));
            return;
        }
        if (!execution.begin(w::kill)) {
            return; // cancelled while waiting for its worker, which stays for the next task
        }
        try {
            Message.Reply reply = w.call(execution.info().index(), execution.info().name(), task, engine.gil());
            execution.reportGil(reply.gil());
            execution.finish(RemoteResult.of(reply.success(), reply.payload(), reply.gil())
                    .outcome(execution.info(), w.toString()));
            if (execution.isCancelled()) {
                // its timeout or cancellation came as it ended: its interrupter killed (or is killing) the worker
                log.debug("{}: {} was stopped as the task ended; replacing it", execution.info(), w);
                retire(w);
            } else if (++tasksOnWorker >= engine.maxTasksPerWorker()) {
                log.debug("{} has run {} tasks; replacing it", w, tasksOnWorker);
                retire(w);
            }
        } catch (IOException e) {
            died(execution, w, e);
        }
    }

    /**
     * A worker ready for a job whose classes lie on {@code needed}: the slot's
     * own, or a new one. Starting one is
     * not part of any task: a task counts as started (and its timeout runs)
     * once its worker is ready.
     */
    private WorkerProcess readyWorker(WorkerClassPath needed) throws IOException {
        if (worker != null && !worker.isAlive()) {
            OptionalInt status = worker.awaitExit(DEATH_GRACE);
            log.warn("{} died while idle (exit status {}); starting another", worker, status);
            engine.retired(worker);
            worker = null;
        }
        if (worker != null && !worker.classPath().covers(needed)) {
            log.debug("{} lacks the class path of the next task; replacing it", worker);
            retire(worker);
        }
        if (worker == null) {
            WorkerProcess w = engine.launch(needed);
            try {
                w.awaitReady();
            } catch (WorkerStartException e) {
                engine.startFailed(e);
                throw e;
            }
            engine.ready(w);
            worker = w;
            tasksOnWorker = 0;
        }
        return worker;
    }

    private <T> void died(TaskExecution<T> execution, WorkerProcess w, IOException e) {
        if (!(e instanceof EOFException)) {
            log.warn("{}: broken channel to {}; killing it", execution.info(), w, e);
            w.kill();
        }
        OptionalInt status = w.awaitExit(DEATH_GRACE);
        engine.retired(w);
        worker = null;
        if (execution.isCancelled()) { // decided before its interrupter killed the worker
            log.debug("{}: killed {} to stop it", execution.info(), w);
            execution.finish(new Outcome.Cancelled<>()); // the cancellation decided already
            return;
        }
        WorkerCrashedException crash = new WorkerCrashedException(execution.info().toString(), w.pid(), status,
                w.stderrTail());
        log.warn("{}; starting another", crash.getMessage());
        fail(execution, crash);
    }

    private void retire(WorkerProcess w) {
        w.close();
        engine.retired(w);
        if (w == worker) {
            worker = null;
        }
    }

    private static <T> void fail(TaskExecution<T> execution, Throwable error) {
        execution.finish(new Outcome.Failure<>(error));
    }
}
