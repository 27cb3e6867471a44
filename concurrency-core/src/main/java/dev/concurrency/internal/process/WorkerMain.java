package dev.concurrency.internal.process;

import dev.concurrency.spi.ChildJvm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * The main class of a worker process of {@link dev.concurrency.Strategy#PROCESS}.
 *
 * <p>It connects back to the parent's {@link Rendezvous} socket, named by its
 * one argument, and {@link Frames frames} travel only there: what tasks print,
 * even straight to file descriptor 1, reaches the parent's log and nothing
 * else. The main thread reads a job, runs it and answers, in turn (the parent
 * sends one job at a time). The worker halts at once, whatever it is doing,
 * when its channel ends (the parent closed it, or died while the worker was
 * idle) or when the parent process exits (checked every 0.1 s, even
 * mid-task), so no worker outlives its parent.
 */
public final class WorkerMain {

    /** The exit status when the parent's frames cannot be read or answered. */
    static final int EXIT_PROTOCOL_ERROR = 70;

    private WorkerMain() {
    }

    /**
     * Runs the worker until its channel ends or its parent exits.
     *
     * @param args the path of the parent's socket
     */
    public static void main(String[] args) {
        ChildJvm.haltWhenParentExits();
        if (args.length != 1) {
            System.err.println("concurrency worker: expected one argument, the parent's socket; got "
                    + args.length + " (this class is started by Strategy.PROCESS, not by hand)");
            Runtime.getRuntime().halt(EXIT_PROTOCOL_ERROR);
        }
        try {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(args[0]));
            DataOutputStream frames = new DataOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            DataInputStream in = new DataInputStream(
                    new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
            JobRunner runner = new JobRunner(frames);
            JobRunner.warmUp();
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
}
