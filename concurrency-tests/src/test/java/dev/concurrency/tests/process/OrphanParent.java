package dev.concurrency.tests.process;

import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.RunOptions;
import dev.concurrency.Runner;
import dev.concurrency.Strategy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The parent JVM of {@link ProcessOrphanTest}: opens a pool of two workers
 * and gives each a task that reports its worker's pid to the test, then
 * sleeps for long. The test kills this JVM with SIGKILL meanwhile.
 */
public final class OrphanParent {

    private OrphanParent() {
    }

    /**
     * @param args the port the test listens on
     * @throws Exception never expected: the test kills this JVM
     */
    public static void main(String[] args) throws Exception {
        InetSocketAddress test = new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        try (Runner runner = Concurrency.open(RunOptions.of(Strategy.PROCESS).workers(2))) {
            for (int i = 0; i < 2; i++) {
                runner.submit(ctx -> {
                    try (Connection c = ctx.connect(test)) {
                        c.write(ProcessHandle.current().pid() + "\n");
                        ctx.sleep(Duration.ofMinutes(10));
                    }
                    return 0;
                });
            }
            Thread.sleep(Duration.ofMinutes(10)); // until killed
        }
    }
}
