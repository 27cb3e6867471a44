package dev.concurrency;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CLUSTER's provider lives in concurrency-hazelcast, which this module's tests do not have. */
class ClusterWithoutItsModuleTest {

    @Test
    void aClusterRunFailsAtOnceNamingTheArtifactToAdd() {
        assertThatThrownBy(() -> Concurrency.run(List.<Task<Integer>>of(ctx -> 1), Strategy.CLUSTER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no provider of CLUSTER")
                .hasMessageContaining("dev.concurrency:concurrency-hazelcast");
        assertThatThrownBy(() -> Concurrency.open(Strategy.CLUSTER))
                .hasMessageContaining("dev.concurrency:concurrency-hazelcast");
    }
}
