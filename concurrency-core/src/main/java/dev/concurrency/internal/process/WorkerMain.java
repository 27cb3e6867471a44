package dev.concurrency.internal.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * The main class of a worker process of {@link dev.concurrency.Strategy#PROCESS}.
 *
 * <p>Its standard output carries only {@link Frames frames} to the parent, so
 * {@code System.out} is pointed at standard error before anything else runs:
 * what tasks print reaches the parent's log. The main thread reads a job,
 * runs it and answers, in turn (the parent sends one job at a time). The
 * worker halts at once, whatever it is doing, when its standard input ends
 * (the parent closed it, or died while the worker was idle) or when the
 * parent process exits (noticed within about 0.1 s, even mid-task), so no
 * worker outlives its parent.
 */
public final class WorkerMain {

    /** The exit status when the parent's frames cannot be read or answered. */
    static final int EXIT_PROTOCOL_ERROR = 70;

    private WorkerMain() {
    }

    /**
     * Runs the worker until its standard input ends or its parent exits.
     *
     * @param args none
     */
    public static void main(String[] args) {
        DataOutputStream frames = new DataOutputStream(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        haltWhenParentExits();
        DataInputStream in = new DataInputStream(
                new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        JobRunner runner = new JobRunner(frames);
        try {
            runner.send(new Message.Ready(ProcessHandle.current().pid()));
            Message message;
            while ((message = Frames.read(in)) != null) {
                if (!(message instanceof Message.Job job)) {
                    throw new IOException("unexpected message from the parent: " + message);
                }
                runner.run(job);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("concurrency worker: cannot talk to the parent process: " + e);
            Runtime.getRuntime().halt(EXIT_PROTOCOL_ERROR);
        }
        Runtime.getRuntime().halt(0); // the parent is gone or done with us
    }

    /**
     * A task may run for long without reading standard input, so the parent's
     * exit is watched as well (the JDK polls a process that is not a child).
     */
    private static void haltWhenParentExits() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(0); // orphaned before we even started
        }
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(0));
    }
}
