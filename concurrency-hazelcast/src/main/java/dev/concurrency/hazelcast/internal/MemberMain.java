package dev.concurrency.hazelcast.internal;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.concurrency.spi.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The main class of an embedded cluster's member JVM.
 *
 * <p>Arguments: cluster name, first port, port count, pool size, member number.
 * It starts a Hazelcast member (see {@link Configs#member}), sets up its
 * {@link MemberSide}, then writes one line, {@value #READY}, its pid and port, to
 * its standard output, which from then on carries nothing else: what tasks and
 * Hazelcast print goes to standard error, which the caller logs. It halts
 * when its standard input ends (the caller closed it, or died) or when its
 * parent process has gone, so no member outlives the caller.
 */
public final class MemberMain {

    /** The line a member writes once it is part of the cluster. */
    static final String READY = "concurrency-member-ready";
    /** The exit status for bad arguments. */
    static final int EXIT_USAGE = 64;
    /** The exit status when Hazelcast could not start. */
    static final int EXIT_START_FAILED = 70;

    private MemberMain() {
    }

    /**
     * Runs the member until its standard input ends or its parent exits.
     *
     * @param args cluster name, first port, port count, pool size, member number
     */
    public static void main(String[] args) {
        ChildJvm.haltWhenParentExits();
        PrintStream channel = System.out;
        InputStream control = System.in;
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        if (args.length != 5) {
            System.err.println("concurrency member: expected 5 arguments (cluster, port, ports, pool, id), got "
                    + args.length + " (this class is started by Strategy.CLUSTER, not by hand)");
            Runtime.getRuntime().halt(EXIT_USAGE);
        }
        int port = 0;
        try {
            HazelcastInstance member = Hazelcast.newHazelcastInstance(Configs.member(args[0],
                    Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4])));
            MemberSide.of(member);
            port = member.getCluster().getLocalMember().getAddress().getPort();
        } catch (RuntimeException | Error e) {
            System.err.println("concurrency member: could not start a Hazelcast member: " + e);
            e.printStackTrace();
            Runtime.getRuntime().halt(EXIT_START_FAILED);
        }
        channel.println(READY + " " + ProcessHandle.current().pid() + " " + port);
        channel.flush();
        try {
            while (control.read() >= 0) {
                // nothing is sent; only the end matters
            }
        } catch (IOException e) {
            // the caller's end is gone: the same as its end
        }
        Runtime.getRuntime().halt(0);
    }
}
