package dev.concurrency.tests.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncListener;
import dev.concurrency.AsyncTask;
import dev.concurrency.AsyncTaskGroup;
import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Handle;
import dev.concurrency.Listener;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.TaskGroup;
import dev.concurrency.testkit.Serialization;
import dev.concurrency.testkit.Strategies;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code listen} under every strategy (CALLBACK runs {@code AsyncContext.listen}):
 * a task is an accept loop that hands each connection to a child task, its
 * own children being the clients; port 0 picks a port; a port in use is
 * named; an accept cancelled by a timeout fails as a socket wait does.
 */
@SuppressWarnings("try") // TaskGroup.close() is a cancellation point: it may throw InterruptedException
@org.junit.jupiter.api.extension.ExtendWith(NothingLeftBehind.class)
@Timeout(120)
class ListenContractTest {

    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    static final int CLIENTS = 5;

    static List<Strategy> strategies() {
        return Strategies.all();
    }

    static <T> T value(Strategy strategy, Task<T> direct, AsyncTask<T> async) {
        Task<T> task = Serialization.copy(strategy == Strategy.CALLBACK ? async : direct);
        Results<T> results = Concurrency.run(List.of(task), Strategies.options(strategy));
        Outcome<T> outcome = results.outcomes().get(0);
        assertThat(outcome).as("%s", outcome).isInstanceOf(Outcome.Success.class);
        return ((Outcome.Success<T>) outcome).value();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTaskAcceptsConnectionsAndHandsEachToAChild(Strategy strategy) {
        List<String> answers = value(strategy, ctx -> {
            try (Listener listener = ctx.listen(ANY_PORT);
                 TaskGroup<String> group = ctx.group()) {
                InetSocketAddress address = listener.localAddress();
                List<Handle<String>> clients = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    String line = "client " + i;
                    clients.add(group.spawn(child -> {
                        try (Connection c = child.connect(address)) {
                            c.write(line + "\n");
                            return c.readLine();
                        }
                    }));
                }
                for (int i = 0; i < CLIENTS; i++) {
                    Connection accepted = listener.accept();
                    group.spawn(child -> { // the handler: one child per accepted connection
                        try (accepted) {
                            accepted.write("echo " + accepted.readLine() + "\n");
                        }
                        return null;
                    });
                }
                List<String> got = new ArrayList<>();
                for (Handle<String> client : clients) {
                    got.add(client.join());
                }
                return got;
            }
        }, ctx -> {
            AsyncListener listener = ctx.listen(ANY_PORT);
            AsyncTaskGroup<String> group = ctx.group();
            InetSocketAddress address = listener.localAddress();
            List<CompletionStage<String>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String line = "client " + i;
                clients.add(group.spawn(child -> child.connect(address).thenCompose(c -> c.write(line + "\n")
                        .thenCompose(v -> c.readLine()).whenComplete((r, e) -> c.close()))).join());
            }
            CompletionStage<Void> served = CompletableFuture.completedFuture(null);
            for (int i = 0; i < CLIENTS; i++) {
                served = served.thenCompose(v -> listener.accept()).thenAccept(accepted ->
                        group.spawn(child -> echo(accepted)));
            }
            return served.thenCompose(v -> CompletableFuture.allOf(clients.stream()
                            .map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new)))
                    .thenCompose(v -> group.close())
                    .thenApply(v -> {
                        listener.close();
                        return clients.stream().map(s -> s.toCompletableFuture().join()).toList();
                    });
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            expected.add("echo client " + i);
        }
        assertThat(answers).containsExactlyElementsOf(expected);
    }

    static CompletionStage<String> echo(AsyncConnection accepted) {
        return accepted.readLine().thenCompose(line -> accepted.write("echo " + line + "\n"))
                .handle((v, e) -> {
                    accepted.close();
                    return null;
                });
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void portZeroPicksAFreePort(Strategy strategy) {
        Integer port = value(strategy, ctx -> {
            try (Listener listener = ctx.listen(ANY_PORT)) {
                return listener.localAddress().getPort();
            }
        }, ctx -> {
            AsyncListener listener = ctx.listen(ANY_PORT);
            int p = listener.localAddress().getPort();
            listener.close();
            return CompletableFuture.completedFuture(p);
        });
        assertThat(port).isPositive();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aPortInUseIsNamedInTheError(Strategy strategy) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            String error = value(strategy, ctx -> {
                try (Listener listener = ctx.listen(address)) {
                    return "bound " + listener;
                } catch (BindException e) {
                    return e.getMessage();
                }
            }, ctx -> {
                try {
                    ctx.listen(address).close();
                    return CompletableFuture.completedFuture("bound");
                } catch (java.io.UncheckedIOException e) {
                    return CompletableFuture.completedFuture(e.getCause().getMessage());
                }
            });
            assertThat(error).contains(":" + taken.getLocalPort()).contains("cannot listen");
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anAcceptCutShortByATimeoutFailsAndTheTaskGoesOn(Strategy strategy) {
        String result = value(strategy, ctx -> {
            try (Listener listener = ctx.listen(ANY_PORT)) {
                try {
                    return "accepted " + ctx.withTimeout(Duration.ofMillis(50), listener::accept);
                } catch (TimeoutException e) {
                    return "no client came";
                }
            }
        }, ctx -> {
            AsyncListener listener = ctx.listen(ANY_PORT);
            return ctx.withTimeout(Duration.ofMillis(50), listener::accept)
                    .handle((c, e) -> e != null ? "no client came" : "accepted " + c)
                    .whenComplete((r, e) -> listener.close());
        });
        assertThat(result).isEqualTo("no client came");
    }
}
