package dev.concurrency.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.concurrency.Concurrency;
import dev.concurrency.Results;
import dev.concurrency.Runner;
import dev.concurrency.Task;
import dev.concurrency.testkit.JqwikArbitraries;
import dev.concurrency.testkit.Outcomes;
import dev.concurrency.testkit.Probe;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.TaskSpec;
import dev.concurrency.testkit.TaskSpecs;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The contract suite's properties under CLUSTER, over random mixes of
 * computing, sleeping, failing and hanging tasks, on one embedded cluster of
 * two members shared by every try (a cluster takes seconds to start). Tasks
 * are serialized copies and a {@link Probe} observes them across processes,
 * as for PROCESS. Ten tries per property by default.
 */
class ClusterPropertiesTest {

    /** The task timeout every expectation assumes (hanging tasks end timed out after it). */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Members times pool size: the most tasks that may run at once. */
    private static final int BOUND = 4;

    private static Runner runner;
    private static List<Long> members;

    @BeforeContainer
    static void openCluster() {
        runner = Concurrency.open(ClusterTesting.cluster(2, 2).taskTimeout(TIMEOUT));
        members = ClusterTesting.memberPids(runner.run(List.<Task<Integer>>of(ctx -> 1)).stats());
    }

    @AfterContainer
    static void closingLeavesNoMember() throws Exception {
        runner.close();
        ClusterTesting.assertExited(members);
        ClusterTesting.assertNoClusterThreadLeft();
    }

    @Provide
    Arbitrary<List<TaskSpec>> mixes() {
        return JqwikArbitraries.mixes(10);
    }

    /** Direct-style tasks, or their {@code AsyncTask} forms: both end as the specs say. */
    @Property(tries = 12)
    void tasksEndAsTheirSpecsSayInInputOrder(@ForAll("mixes") List<TaskSpec> mix, @ForAll boolean asyncForms) {
        assertTimeoutPreemptively(ClusterTesting.LONG, () -> {
            List<? extends Task<Long>> tasks = asyncForms ? TaskSpecs.toAsyncTasks(mix) : TaskSpecs.toTasks(mix);
            Results<Long> results = runner.run(Serialization.copies(tasks));
            assertThat(Outcomes.describeAll(results.outcomes()))
                    .containsExactlyElementsOf(Outcomes.describeAll(TaskSpecs.expected(mix, TIMEOUT)));
        });
    }

    @Property(tries = 10)
    void noTaskIsLostOrRunTwiceAndNoMoreRunAtOnceThanTheBound(@ForAll("mixes") List<TaskSpec> mix) {
        assertTimeoutPreemptively(ClusterTesting.LONG, () -> {
            try (Probe probe = new Probe(mix.size())) {
                Results<Long> results = runner.run(Serialization.copies(TaskSpecs.toTasks(mix, probe)));
                assertThat(results.outcomes()).hasSameSizeAs(mix).doesNotContainNull();
                for (int i = 0; i < mix.size(); i++) {
                    assertThat(probe.runs(i)).as("runs of tasks[%d] %s", i, mix.get(i)).isEqualTo(1);
                }
                assertThat(probe.maxInFlight()).isLessThanOrEqualTo(BOUND);
            }
        });
    }
}
