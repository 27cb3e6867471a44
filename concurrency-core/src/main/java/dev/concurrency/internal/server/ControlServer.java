package dev.concurrency.internal.server;

import dev.concurrency.ServerStats;
import dev.concurrency.internal.engine.ThreadTracker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's end of its workers' {@link RemoteControl}s (PROCESS): listens on
 * the loopback interface, counts {@code ready} lines until every worker
 * listens (or fails at the first {@code failed}), keeps each worker's latest
 * figures, and sends {@code stop <grace ms>} to all. One platform thread
 * accepts and one reads each worker's connection; {@link #close()} ends them
 * all. Thread-safe.
 */
final class ControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    private final ServerSocketChannel channel;
    private final int expected;
    private final ThreadTracker threads = new ThreadTracker(Thread.ofPlatform().daemon(true)
            .name("concurrency-server-control-", 0));
    private final AtomicInteger readyCount = new AtomicInteger();
    /** Completes when every worker listens; fails with the first worker's failure. */
    final CompletableFuture<Void> allReady = new CompletableFuture<>();
    private final List<SocketChannel> workers = new CopyOnWriteArrayList<>();
    private final Map<SocketChannel, ServerStats> latest = new ConcurrentHashMap<>();

    ControlServer(int expected) throws IOException {
        this.expected = expected;
        this.channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.start(this::acceptAll);
    }

    /** @return where workers connect */
    InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the control listener is closed", e);
        }
    }

    private void acceptAll() {
        try {
            while (true) {
                SocketChannel worker = channel.accept();
                workers.add(worker);
                threads.start(() -> read(worker));
            }
        } catch (IOException e) {
            log.debug("control listener closed", e);
        }
    }

    private void read(SocketChannel worker) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Channels.newInputStream(worker),
                StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.equals("ready")) {
                    if (readyCount.incrementAndGet() == expected) {
                        allReady.complete(null);
                    }
                } else if (line.startsWith("failed ")) {
                    allReady.completeExceptionally(new BindException(line.substring(7)));
                } else if (line.startsWith("stats ")) {
                    latest.put(worker, RemoteControl.parse(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("control connection ended", e);
        } finally {
            workers.remove(worker);
        }
    }

    /** @return the latest figures the workers sent, summed */
    ServerStats latest() {
        ServerStats sum = ServerStats.NONE;
        for (ServerStats s : latest.values()) {
            sum = sum.plus(s);
        }
        return sum;
    }

    /**
     * Tells every worker to stop accepting.
     *
     * @param grace how long their open connections may take
     */
    void stopAll(Duration grace) {
        byte[] stop = ("stop " + grace.toMillis() + "\n").getBytes(StandardCharsets.UTF_8);
        for (SocketChannel worker : workers) {
            try {
                ByteBuffer b = ByteBuffer.wrap(stop);
                while (b.hasRemaining()) {
                    worker.write(b);
                }
            } catch (IOException e) {
                log.debug("a worker's control connection is gone", e);
            }
        }
    }

    /** Closes the listener and every connection, and joins the threads (bounded). */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing fails only if it is broken already
        }
        for (SocketChannel worker : workers) {
            try {
                worker.close();
            } catch (IOException ignored) {
                // as above
            }
        }
        try {
            if (!threads.joinAll(System.nanoTime() + Duration.ofSeconds(5).toNanos())) {
                log.warn("the server's control threads did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
