package dev.concurrency.internal.server;

import dev.concurrency.Connection;
import dev.concurrency.Listener;
import dev.concurrency.ServerStats;
import dev.concurrency.TaskContext;
import dev.concurrency.TaskGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Control} of an accepting task running in a worker process: a
 * connection back to the server, over which the task says {@code ready} (or
 * {@code failed <why>}), sends its figures every {@value #REPORT_MILLIS} ms,
 * and hears {@code stop <grace ms>}. If the server's end closes, the task
 * stops at once. Two child tasks of the accepting task serve it: one reads,
 * one reports. Thread-safe.
 */
final class RemoteControl implements Control, AutoCloseable {

    /** How often a worker's figures are sent. */
    static final long REPORT_MILLIS = 100;

    private final TaskContext context;
    private final InetSocketAddress server;
    private final ServerCounters counters;
    private Connection connection;
    private TaskGroup<Void> children;
    private volatile Listener listener;
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private volatile Duration grace = Duration.ZERO;

    RemoteControl(TaskContext context, InetSocketAddress server, ServerCounters counters) {
        this.context = context;
        this.server = server;
        this.counters = counters;
    }

    @Override
    public void listening(Listener listener) throws IOException {
        this.listener = listener;
        connection = context.connect(server);
        connection.write("ready\n");
        children = context.group();
        children.spawn(child -> {
            String line = connection.readLine();
            grace = line != null && line.startsWith("stop ")
                    ? Duration.ofMillis(Long.parseLong(line.substring(5).trim())) : Duration.ZERO;
            stop.complete(null);
            listener.close();
            return null;
        });
        children.spawn(child -> {
            while (!stopping()) {
                child.sleep(Duration.ofMillis(REPORT_MILLIS));
                connection.write(format(counters.snapshot()));
            }
            return null;
        });
    }

    static String format(ServerStats stats) {
        return "stats " + stats.accepted() + " " + stats.active() + " " + stats.peakActive() + " "
                + stats.handlerFailures() + "\n";
    }

    /**
     * @param line a {@code stats} line
     * @return its figures
     */
    static ServerStats parse(String line) {
        String[] f = line.trim().split(" ");
        return new ServerStats(Long.parseLong(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                Long.parseLong(f[4]));
    }

    @Override
    public void failed(Throwable error) {
        try (Connection c = context.connect(server)) {
            c.write("failed " + String.valueOf(error.getMessage()).replace('\n', ' ') + "\n");
        } catch (Exception e) {
            error.addSuppressed(e);
        }
    }

    @Override
    public CompletableFuture<Void> stopRequested() {
        return stop;
    }

    @Override
    public Duration grace() {
        return grace;
    }

    /** The task has drained: its reporter ends, and so does the connection. */
    @Override
    public void close() throws Exception {
        stop.complete(null);
        if (children != null) {
            children.close();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
