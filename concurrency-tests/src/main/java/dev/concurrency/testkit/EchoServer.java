package dev.concurrency.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server on 127.0.0.1 that sends back every byte it receives, for
 * tests that use {@link dev.concurrency.TaskContext#connect}. Tests can wait,
 * without polling, for connections to be accepted and for clients to close
 * them (end of stream, or a reset). Closing the server closes every
 * connection (not counted as closed by clients) and joins its threads.
 *
 * <pre>{@code
 * try (EchoServer echo = EchoServer.start()) {
 *     Connection c = ctx.connect(echo.address());
 * }
 * }</pre>
 *
 * This class is thread-safe.
 */
public final class EchoServer implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final Semaphore accepted = new Semaphore(0);
    private final Semaphore closedByClients = new Semaphore(0);
    private volatile boolean closing;

    private EchoServer(ServerSocketChannel server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("echo-server-acceptor").daemon(true).start(this::accept);
    }

    /**
     * Starts a server on an ephemeral port of 127.0.0.1.
     *
     * @return the running server
     * @throws IOException if it cannot bind
     */
    public static EchoServer start() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        return new EchoServer(server);
    }

    /** @return where to connect */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("echo server is closed", e);
        }
    }

    /**
     * Waits until {@code n} more connections have been accepted.
     *
     * @param n       how many
     * @param timeout the longest to wait
     * @return whether they were
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitAccepted(int n, Duration timeout) throws InterruptedException {
        return accepted.tryAcquire(n, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Waits until clients have closed {@code n} more connections.
     *
     * @param n       how many
     * @param timeout the longest to wait
     * @return whether they have
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitClosedByClients(int n, Duration timeout) throws InterruptedException {
        return closedByClients.tryAcquire(n, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return connections closed by their clients and not yet awaited */
    public int closedByClientsNow() {
        return closedByClients.availablePermits();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                clients.add(client);
                handlers.add(Thread.ofVirtual().name("echo-server-handler").start(() -> echo(client)));
                accepted.release();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void echo(SocketChannel client) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        boolean byClient = false;
        try (client) {
            while (client.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    client.write(buffer);
                }
                buffer.clear();
            }
            byClient = true;
        } catch (IOException e) {
            byClient = !closing; // a reset by the client, unless the server is closing
        } finally {
            clients.remove(client);
            handlers.remove(Thread.currentThread());
            if (byClient) {
                closedByClients.release();
            }
        }
    }

    /**
     * Closes the server and its connections, and joins its threads; an
     * interrupt stops the wait and stays set.
     *
     * @throws IOException if the server socket fails to close
     */
    @Override
    public void close() throws IOException {
        closing = true;
        server.close();
        try {
            acceptor.join();
            for (SocketChannel client : Set.copyOf(clients)) {
                client.close();
            }
            for (Thread handler : Set.copyOf(handlers)) {
                handler.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
