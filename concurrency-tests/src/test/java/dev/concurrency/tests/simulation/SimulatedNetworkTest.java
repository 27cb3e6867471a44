package dev.concurrency.tests.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncListener;
import dev.concurrency.AsyncTask;
import dev.concurrency.Concurrency;
import dev.concurrency.Connection;
import dev.concurrency.Listener;
import dev.concurrency.Outcome;
import dev.concurrency.Results;
import dev.concurrency.RunOptions;
import dev.concurrency.Strategy;
import dev.concurrency.Task;
import dev.concurrency.tests.structure.NothingLeftBehind;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The in-memory network of a simulated run: tasks of the run talk to each other, in seeded order. */
@Timeout(60)
@ExtendWith(NothingLeftBehind.class)
class SimulatedNetworkTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    /** A server task that echoes {@code lines} lines, and a client that sends them and returns the replies. */
    private static List<Task<String>> echo(int lines) {
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        Task<String> server = Task.named("server", ctx -> {
            try (Listener listener = ctx.listen(ANY_PORT)) {
                bound.complete(listener.localAddress());
                try (Connection c = listener.accept()) {
                    for (int i = 0; i < lines; i++) {
                        c.write(c.readLine() + "\n");
                    }
                    return "echoed " + lines;
                }
            }
        });
        Task<String> client = Task.named("client", ctx -> {
            StringBuilder replies = new StringBuilder();
            try (Connection c = ctx.connect(ctx.await(bound))) {
                for (int i = 0; i < lines; i++) {
                    c.write("line " + i + "\n");
                    replies.append(c.readLine()).append(';');
                }
            }
            return replies + " at " + ctx.now();
        });
        return List.of(server, client);
    }

    @Test
    void aClientAndAServerOfTheRunExchangeLinesInVirtualTime() {
        Results<String> results = Concurrency.run(echo(3), RunOptions.of(Strategy.EVENT_LOOP).simulated(1));
        assertThat(results.outcome(0)).isEqualTo(new Outcome.Success<>("echoed 3"));
        assertThat(results.values().get(1)).startsWith("line 0;line 1;line 2; at 1970-01-01T00:00:00.");
        Duration wall = results.stats().wallTime();
        assertThat(wall).as("a connect and three round trips, each delivery 50 µs to 1 ms")
                .isBetween(Duration.ofNanos(7 * 50_000), Duration.ofNanos(8 * 1_000_000));
        Results<String> again = Concurrency.run(echo(3), RunOptions.of(Strategy.EVENT_LOOP).simulated(1));
        assertThat(again.trace()).isEqualTo(results.trace());
        assertThat(again.stats().wallTime()).isEqualTo(wall);
    }

    @Test
    void callbackTasksUseTheSameNetwork() {
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        AsyncTask<String> server = ctx -> {
            AsyncListener listener = ctx.listen(ANY_PORT);
            bound.complete(listener.localAddress());
            return listener.accept().thenCompose(c -> c.readLine()
                    .thenCompose(line -> c.write(line.toUpperCase() + "\n"))
                    .whenComplete((v, e) -> { c.close(); listener.close(); })
                    .thenApply(v -> "served"));
        };
        AsyncTask<String> client = ctx -> bound.thenCompose(ctx::connect).thenCompose((AsyncConnection c) -> c
                .write("hello\n").thenCompose(v -> c.readLine()).whenComplete((line, e) -> c.close()));
        Results<String> results = Concurrency.run(List.of(server, client), RunOptions.of(Strategy.CALLBACK).simulated(2));
        assertThat(results.values()).containsExactly("served", "HELLO");
    }

    /** Clients that each send their name to one server, which returns the order they arrived in. */
    private static List<Task<String>> arrivals(int clients) {
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        List<Task<String>> tasks = new ArrayList<>();
        tasks.add(ctx -> {
            try (Listener listener = ctx.listen(ANY_PORT)) {
                bound.complete(listener.localAddress());
                try (var group = ctx.<String>group()) {
                    for (int i = 0; i < clients; i++) {
                        Connection c = listener.accept();
                        group.spawn(child -> {
                            try (c) {
                                return c.readLine();
                            }
                        });
                    }
                    return String.join(",", group.join().stream().map(o -> ((Outcome.Success<String>) o).value()).toList());
                }
            }
        });
        for (int i = 0; i < clients; i++) {
            String name = "c" + i;
            tasks.add(ctx -> {
                try (Connection c = ctx.connect(ctx.await(bound))) {
                    c.write(name + "\n");
                }
                return name;
            });
        }
        return tasks;
    }

    @Test
    void deliveriesFollowTheSeed() {
        Set<String> orders = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            String order = Concurrency.run(arrivals(4), RunOptions.of(Strategy.EVENT_LOOP).simulated(seed)).values().get(0);
            String replayed = Concurrency.run(arrivals(4), RunOptions.of(Strategy.EVENT_LOOP).simulated(seed)).values().get(0);
            assertThat(replayed).as("seed %d replayed", seed).isEqualTo(order);
            orders.add(order);
        }
        assertThat(orders).as("the orders in which 4 clients' connections arrived, over 10 seeds").hasSizeGreaterThan(1);
    }

    @Test
    void connectingWhereNothingListensIsRefusedNamingTheAddress() {
        Task<Object> task = Task.named("dialer", ctx -> ctx.connect(new InetSocketAddress("127.0.0.1", 9)));
        Results<Object> results = Concurrency.run(List.of(task), RunOptions.of(Strategy.EVENT_LOOP).simulated(11));
        assertThat(results.outcome(0)).isInstanceOfSatisfying(Outcome.Failure.class, f -> assertThat(f.error())
                .isInstanceOf(ConnectException.class).hasMessageContaining("dialer").hasMessageContaining(":9"));
    }

    @Test
    void aServerCannotBeSimulated() {
        assertThatThrownBy(() -> Concurrency.serve(ANY_PORT, (c, ctx) -> { }, RunOptions.of(Strategy.EVENT_LOOP).simulated(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("simulated(1)");
    }
}
