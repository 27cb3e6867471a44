package dev.concurrency.hazelcast;

import dev.concurrency.Concurrency;
import dev.concurrency.Runner;
import dev.concurrency.Task;
import java.util.List;

/**
 * A calling JVM for {@link ClusterFaultTest}: opens an embedded cluster of two
 * members, prints their pids and {@value #READY} on stdout, then waits until
 * its standard input ends or it is killed.
 */
public final class CallerMain {

    static final String READY = "ready";

    private CallerMain() {
    }

    /**
     * @param args none
     * @throws Exception if the cluster cannot start
     */
    public static void main(String[] args) throws Exception {
        Runner runner = Concurrency.open(ClusterTesting.cluster(2, 1));
        for (long pid : ClusterTesting.memberPids(runner.run(List.<Task<Integer>>of(ctx -> 1)).stats())) {
            System.out.println(pid);
        }
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test kills this JVM
        }
        runner.close();
    }
}
