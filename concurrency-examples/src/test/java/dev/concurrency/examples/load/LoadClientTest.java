package dev.concurrency.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Concurrency;
import dev.concurrency.RunOptions;
import dev.concurrency.Server;
import dev.concurrency.Strategy;
import dev.concurrency.examples.workloads.EchoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoadClientTest {

    @Test
    void measuresRoundTripsAndHoldsIdleConnectionsInAJvmOfItsOwnThatEndsWithIt() throws Exception {
        long pid;
        try (EchoServer echo = EchoServer.start(); LoadClient load = LoadClient.start()) {
            pid = load.pid();
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());

            load.open(echo.address(), 4, Duration.ZERO, Duration.ofMillis(50));
            LoadClient.Result result = load.drive();

            assertThat(result.requests()).isPositive();
            assertThat(result.window()).isEqualTo(Duration.ofMillis(50));
            assertThat(result.p50()).isPositive();
            assertThat(result.p99()).isGreaterThanOrEqualTo(result.p50());
            assertThat(result.requestsPerSecond()).isEqualTo(result.requests() * 20.0);

            load.openIdle(echo.address(), 3);
            load.release();
            load.openIdle(echo.address(), 3, false);
            load.release();
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the generator's JVM").isEmpty();
    }

    @Test
    void aServerThatClosesEarlyIsAnErrorAndTheNextCommandStillRuns() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (Server rude = Concurrency.serve(any, (connection, ctx) -> { }, RunOptions.of(Strategy.VIRTUAL_THREAD));
             EchoServer echo = EchoServer.start();
             LoadClient load = LoadClient.start()) {
            assertThatThrownBy(() -> load.openIdle(rude.address(), 2)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("load generator: error "); // an end of stream, or a reset

            load.openIdle(echo.address(), 2);
            load.release();
        }
    }

    @Test
    void theServersFootprintIsThisJvmsWithoutTheExcludedProcesses() {
        Footprint mine = Footprint.ofServer(Set.of());

        assertThat(mine.known()).isTrue();
        assertThat(mine.residentBytes()).isPositive();
        assertThat(mine.threads()).isPositive();
        assertThat(mine.processes()).isGreaterThanOrEqualTo(1);
    }
}
