package dev.concurrency.internal.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of a worker process of {@link dev.concurrency.Strategy#PROCESS}.
 *
 * <p>Its standard output carries only {@link Frames frames} to the parent, so
 * {@code System.out} is pointed at standard error before anything else runs:
 * what tasks print reaches the parent's log. The main thread reads jobs from
 * standard input and hands them to one task thread; when standard input ends
 * (the parent closed it, exited or was killed) the worker halts at once,
 * whatever it is doing, so no worker outlives its parent.
 */
public final class WorkerMain {

    /** The exit status when the parent's frames cannot be read. */
    static final int EXIT_PROTOCOL_ERROR = 70;

    private WorkerMain() {
    }

    /**
     * Runs the worker until its standard input ends.
     *
     * @param args none
     */
    public static void main(String[] args) {
        DataOutputStream frames = new DataOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        DataInputStream in = new DataInputStream(
                new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        JobRunner runner = new JobRunner(frames);
        BlockingQueue<Message.Job> jobs = new LinkedBlockingQueue<>();
        Thread tasks = new Thread(() -> runJobs(runner, jobs), "concurrency-worker-task");
        tasks.setDaemon(true);
        try {
            runner.send(new Message.Ready(ProcessHandle.current().pid()));
            tasks.start();
            Message message;
            while ((message = Frames.read(in)) != null) {
                if (message instanceof Message.Job job) {
                    jobs.add(job);
                } else {
                    throw new IOException("unexpected message from the parent: " + message);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("concurrency worker: cannot talk to the parent process: " + e);
            Runtime.getRuntime().halt(EXIT_PROTOCOL_ERROR);
        }
        Runtime.getRuntime().halt(0); // the parent is gone or done with us
    }

    private static void runJobs(JobRunner runner, BlockingQueue<Message.Job> jobs) {
        try {
            while (true) {
                runner.run(jobs.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            System.err.println("concurrency worker: cannot answer the parent process: " + e);
            Runtime.getRuntime().halt(EXIT_PROTOCOL_ERROR);
        }
    }
}
