package dev.concurrency.tests.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Gil;
import dev.concurrency.GilStats;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskTiming;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Under PROCESS each worker has its own interpreter lock, as each Python
 * process has: two CPU-bound tasks on two workers both hold a lock at the
 * same time, and neither ever has to give it up.
 */
class ProcessGilTest {

    /** Checkpoints each task passes while computing; enough for many switch intervals if the lock were shared. */
    private static final int CHECKPOINTS = 2_000_000;

    @AfterEach
    void noWorkerLeft() {
        Workers.assertNoneAlive();
    }

    @Test
    void twoCpuBoundTasksOnTwoWorkersOverlapEachWithItsOwnLock() throws Exception {
        for (Gil gil : List.of(Gil.python3(), Gil.python2())) {
            try (Rendezvous bothStarted = new Rendezvous(2)) {
                InetSocketAddress address = bothStarted.address();
                List<Task<Long>> tasks = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    tasks.add(ctx -> {
                        try (Connection c = ctx.connect(address)) {
                            c.readLine(); // both tasks are running now, each in its worker
                        }
                        long sum = 0;
                        for (int k = 0; k < CHECKPOINTS; k++) {
                            ctx.checkpoint();
                            sum += k;
                        }
                        return sum;
                    });
                }

                Results<Long> results = Concurrency.run(tasks, RunOptions.of(Strategy.PROCESS).workers(2).gil(gil));

                assertThat(results.values()).hasSize(2);
                assertThat(results.stats().workers()).hasSize(2);
                for (TaskTiming timing : results.stats().tasks()) {
                    GilStats lock = timing.gil();
                    assertThat(lock.acquisitions()).as("%s: the task ran holding its worker's lock", gil).isPositive();
                    if (gil.kind() == Gil.Kind.PYTHON3) { // python2 drops every check interval regardless
                        assertThat(lock.forcedDrops()).as("%s: nobody else asked for its lock", gil).isZero();
                    }
                    assertThat(lock.switches()).as("%s: no other task held its lock", gil).isZero();
                }
            }
        }
    }
}
