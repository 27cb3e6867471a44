package dev.concurrency.tests.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncConnectionHandler;
import dev.concurrency.Concurrency;
import dev.concurrency.ConnectionHandler;
import dev.concurrency.RunOptions;
import dev.concurrency.Server;
import dev.concurrency.ServerStats;
import dev.concurrency.Strategy;
import dev.concurrency.testkit.Strategies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Concurrency.serve} under every strategy but CLUSTER, which refuses
 * ({@code serveAsync} under CALLBACK): many concurrent clients each get their echo, THREAD stops
 * accepting at its bound, close lets open connections finish within the grace
 * and cancels the rest, a throwing handler costs only its connection, a port in
 * use is named, and nothing of the server is left after close. The clients are
 * plain blocking sockets on virtual threads of the test.
 */
@SuppressWarnings("try") // TaskGroup.close() is a cancellation point: it may throw InterruptedException
@org.junit.jupiter.api.extension.ExtendWith(NothingLeftBehind.class)
@Timeout(180)
class ServerContractTest {

    /** Concurrent clients in the echo test; scaled by {@code concurrency.stress}. */
    static final int CLIENTS = 1_000 * Integer.getInteger("concurrency.stress", 1);
    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** Every strategy that serves: all but CLUSTER, which refuses ({@link #clusterDoesNotServe}). */
    static List<Strategy> strategies() {
        return Strategies.all().stream().filter(s -> s != Strategy.CLUSTER).toList();
    }

    static final ConnectionHandler ECHO = (connection, ctx) -> {
        for (String line; (line = connection.readLine()) != null; ) {
            if (line.equals("boom")) {
                throw new IllegalStateException("the handler was asked to fail");
            }
            connection.write(line + "\n");
        }
    };

    static final AsyncConnectionHandler ASYNC_ECHO = ServerContractTest::echo;

    static CompletionStage<Void> echo(AsyncConnection connection, dev.concurrency.AsyncContext ctx) {
        return connection.readLine().thenCompose(line -> {
            if (line == null) {
                return CompletableFuture.completedFuture(null);
            }
            if (line.equals("boom")) {
                throw new IllegalStateException("the handler was asked to fail");
            }
            return connection.write(line + "\n").thenCompose(v -> echo(connection, ctx));
        });
    }

    static Server serve(RunOptions options) throws IOException {
        return options.strategy() == Strategy.CALLBACK
                ? Concurrency.serveAsync(ANY_PORT, ASYNC_ECHO, options)
                : Concurrency.serve(ANY_PORT, ECHO, options);
    }

    /** A blocking client: one connection, line by line. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(InetSocketAddress address) throws IOException {
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(60_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String ask(String line) throws IOException {
            send(line);
            return in.readLine();
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void manyConcurrentClientsEachGetTheirEcho(Strategy strategy) throws Exception {
        RunOptions options = Strategies.options(strategy);
        if (strategy == Strategy.PROCESS) {
            options = options.workers(2);
        }
        try (Server server = serve(options)) {
            echoConcurrently(server, CLIENTS, 1);
            server.close();
            ServerStats stats = server.stats();
            assertThat(stats.accepted()).isEqualTo(CLIENTS);
            assertThat(stats.active()).isZero();
            assertThat(stats.handlerFailures()).isZero();
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Strategy.class, names = {"EVENT_LOOP", "CALLBACK"})
    void everyLoopAcceptsOnTheSharedPort(Strategy strategy) throws Exception {
        try (Server server = serve(Strategies.options(strategy).loops(2))) {
            echoConcurrently(server, 200, 1);
            server.close();
            assertThat(server.stats().accepted()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void noSocketIsLeftOpenAfterClose(Strategy strategy) throws Exception {
        RunOptions options = oneWorker(strategy);
        serveSomeClients(options); // the JDK opens some files once per JVM on first use
        long before = openFiles();
        serveSomeClients(options);
        assertThat(openFiles()).as("file descriptors (sockets, selectors, pipes) left open").isLessThanOrEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void handlersRunUnderTheGil(Strategy strategy) throws Exception {
        RunOptions options = Strategies.options(strategy).gil(dev.concurrency.Gil.python3());
        serveSomeClients(strategy == Strategy.PROCESS ? options.workers(2) : options);
    }

    private static void serveSomeClients(RunOptions options) throws Exception {
        try (Server server = serve(options)) {
            echoConcurrently(server, 20, 2);
        }
    }

    /** {@code clients} clients at once, each asking {@code rounds} lines of its own; each gets its echo. */
    private static void echoConcurrently(Server server, int clients, int rounds) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String line = "client " + i;
                answers.add(threads.submit(() -> {
                    try (Client client = new Client(server.address())) {
                        List<String> got = new ArrayList<>();
                        for (int r = 0; r < rounds; r++) {
                            got.add(client.ask(line));
                        }
                        return got;
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertThat(answers.get(i).get()).hasSize(rounds).containsOnly("client " + i);
            }
        }
    }

    /** The strategy's options, with one worker process under PROCESS (enough for one client at a time). */
    private static RunOptions oneWorker(Strategy strategy) {
        return strategy == Strategy.PROCESS ? Strategies.options(strategy).workers(1) : Strategies.options(strategy);
    }

    private static long openFiles() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @ParameterizedTest(allowZeroInvocations = true) // none when the suite runs only PROCESS or CLUSTER
    @MethodSource("strategiesInThisJvm")
    void closeEndsTheWaitOfAServerWhoseSlotsAreAllTaken(Strategy strategy) throws Exception {
        long mark = dev.concurrency.tests.logging.RecordedLogs.mark();
        Server server = serve(Strategies.options(strategy).maxConcurrency(1));
        try (Client busy = new Client(server.address())) {
            assertThat(busy.ask("one")).isEqualTo("one"); // its handler holds the only slot, waiting for more
            try (Client waiting = new Client(server.address())) { // in the backlog: the server waits for a slot
                server.close(Duration.ofMillis(100));
                assertThat(busy.in.readLine()).as("the busy handler was cancelled after the grace").isNull();
            }
        }
        assertThat(dev.concurrency.tests.logging.RecordedLogs.since(mark))
                .as("the accepting task drained on close instead of being cancelled")
                .noneMatch(event -> event.message().contains("did not drain in time"));
        assertThat(server.stats().accepted()).isEqualTo(1);
    }

    static List<Strategy> strategiesInThisJvm() {
        return Strategies.sharingMemory();
    }

    @Test
    void threadStopsAcceptingWhenItsPoolIsBusy() throws Exception {
        try (Server server = serve(RunOptions.of(Strategy.THREAD).maxConcurrency(2));
             Client first = new Client(server.address());
             Client second = new Client(server.address())) {
            assertThat(first.ask("one")).isEqualTo("one");
            assertThat(second.ask("two")).isEqualTo("two");
            try (Client third = new Client(server.address())) { // waits in the system's backlog
                third.send("three");
                first.close(); // frees a thread: the third is accepted now
                assertThat(third.in.readLine()).isEqualTo("three");
            }
            second.close();
            server.close();
            assertThat(server.stats().peakActive()).isEqualTo(2);
            assertThat(server.stats().accepted()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closeLetsAnOpenConnectionFinishWithinTheGrace(Strategy strategy) throws Exception {
        RunOptions options = oneWorker(strategy);
        Server server = serve(options);
        try (Client client = new Client(server.address())) {
            assertThat(client.ask("before")).isEqualTo("before");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(60)));
            // the open connection is still served while the server drains
            assertThat(client.ask("during")).isEqualTo("during");
            assertThat(closing).isNotDone();
            client.close(); // its handler ends: the server can finish closing
            closing.get();
        }
        assertThatThrownBy(() -> new Client(server.address()).close()).isInstanceOf(IOException.class);
        assertThat(server.stats().accepted()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closeCancelsConnectionsThatOutlastTheGrace(Strategy strategy) throws Exception {
        RunOptions options = oneWorker(strategy);
        Server server = serve(options);
        try (Client idle = new Client(server.address())) {
            assertThat(idle.ask("hello")).isEqualTo("hello"); // its handler now waits for a line that never comes
            long start = System.nanoTime();
            server.close(Duration.ofMillis(100));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(idle.in.readLine()).as("the cancelled handler's connection was closed").isNull();
        }
        assertThat(server.stats().active()).isZero();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aThrowingHandlerCostsOnlyItsConnection(Strategy strategy) throws Exception {
        RunOptions options = oneWorker(strategy);
        try (Server server = serve(options)) {
            try (Client failing = new Client(server.address())) {
                failing.send("boom");
                assertThat(failing.in.readLine()).as("its connection was closed").isNull();
            }
            try (Client next = new Client(server.address())) {
                assertThat(next.ask("still serving")).isEqualTo("still serving");
            }
            server.close();
            assertThat(server.stats().handlerFailures()).isEqualTo(1);
            assertThat(server.stats().accepted()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aPortInUseIsReportedNamingTheAddress(Strategy strategy) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            RunOptions options = Strategies.options(strategy);
            if (strategy == Strategy.PROCESS) {
                options = options.workers(1);
            }
            RunOptions o = options;
            assertThatThrownBy(() -> {
                try (Server s = o.strategy() == Strategy.CALLBACK ? Concurrency.serveAsync(address, ASYNC_ECHO, o)
                        : Concurrency.serve(address, ECHO, o)) {
                    throw new AssertionError("it served on a port in use: " + s);
                }
            }).isInstanceOf(BindException.class).hasMessageContaining(":" + taken.getLocalPort());
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void taskTimeoutBoundsEachHandlerNotTheServer(Strategy strategy) throws Exception {
        RunOptions options = Strategies.options(strategy).taskTimeout(Duration.ofMillis(300));
        if (strategy == Strategy.PROCESS) {
            options = options.workers(1);
        }
        try (Server server = serve(options)) {
            try (Client idle = new Client(server.address())) {
                assertThat(idle.in.readLine()).as("its handler timed out and closed it").isNull();
            }
            try (Client next = new Client(server.address())) { // well after the timeout: still accepting
                assertThat(next.ask("still serving")).isEqualTo("still serving");
            }
            server.close();
            assertThat(server.stats().handlerFailures()).isEqualTo(1);
        }
    }

    @Test
    void aStrategyGivenTheWrongKindOfHandlerSaysWhichToUse() {
        assertThatThrownBy(() -> Concurrency.serve(ANY_PORT, ECHO, RunOptions.of(Strategy.THREAD)
                .deadline(Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taskTimeout bounds each");
        assertThatThrownBy(() -> Concurrency.serve(ANY_PORT, ECHO, RunOptions.of(Strategy.CALLBACK)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serveAsync");
        assertThatThrownBy(() -> Concurrency.serveAsync(ANY_PORT, ASYNC_ECHO, RunOptions.of(Strategy.PROCESS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Concurrency.serve");
    }

    /**
     * A CLUSTER member may be another machine, and no member reports to a server in this JVM: serve refuses
     * CLUSTER before it starts anything (so even where its module is not installed).
     */
    @Test
    void clusterDoesNotServe() {
        assertThatThrownBy(() -> Concurrency.serve(ANY_PORT, ECHO, RunOptions.of(Strategy.CLUSTER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLUSTER does not serve")
                .hasMessageContaining("PROCESS");
        assertThatThrownBy(() -> Concurrency.serveAsync(ANY_PORT, ASYNC_ECHO, RunOptions.of(Strategy.CLUSTER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLUSTER does not serve");
    }
}
