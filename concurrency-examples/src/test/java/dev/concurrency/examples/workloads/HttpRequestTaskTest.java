package dev.concurrency.examples.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.Concurrency;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.Strategy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpRequestTaskTest {

    private static final Duration DELAY = Duration.ofMillis(100);

    @Test
    void returns200AfterTheServersDelay() throws Exception {
        try (DelayedHttpServer server = DelayedHttpServer.start(DELAY, 4)) {
            long start = System.nanoTime();
            Results<Integer> results = Concurrency.run(
                    List.of(new HttpRequestTask(server.address(), DelayedHttpServer.PATH)), Strategy.VIRTUAL_THREAD);

            assertThat(results.values()).containsExactly(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(DELAY);
        }
    }

    @Test
    void failsOnAnyOtherStatus() throws Exception {
        try (DelayedHttpServer server = DelayedHttpServer.start(DELAY, 4)) {
            Results<Integer> results = Concurrency.run(
                    List.of(new HttpRequestTask(server.address(), "/nowhere")), Strategy.THREAD);

            assertThat(results.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class, f ->
                    assertThat(f.error()).isInstanceOf(IOException.class)
                            .hasMessage("GET /nowhere: status 404 (expected: 200): HTTP/1.1 404 Not Found"));
        }
    }

    @Test
    void parsesStatusLines() throws IOException {
        assertThat(HttpRequestTask.statusCode("HTTP/1.1 200 OK")).isEqualTo(200);
        assertThat(HttpRequestTask.statusCode("HTTP/1.0 503")).isEqualTo(503);
        assertThatThrownBy(() -> HttpRequestTask.statusCode("SSH-2.0-OpenSSH")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> HttpRequestTask.statusCode("HTTP/1.1 2x0 OK")).isInstanceOf(IOException.class);
    }

    @Test
    void survivesSerialization() throws Exception {
        HttpRequestTask task = new HttpRequestTask(new InetSocketAddress("127.0.0.1", 8080), "/a");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(task);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(task);
        }
    }

    @Test
    void serverRefusesConnectionsOnceClosed() throws Exception {
        InetSocketAddress address;
        try (DelayedHttpServer server = DelayedHttpServer.start(DELAY, 4)) {
            address = server.address();
            assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        }
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }
}
