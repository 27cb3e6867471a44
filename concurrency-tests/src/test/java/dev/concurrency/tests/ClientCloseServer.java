package dev.concurrency.tests;

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
 * An echo server on 127.0.0.1 that records each connection its client closes
 * (end of stream or reset), so a test can wait for closes without polling.
 * Closing the server closes its connections (not counted) and joins its threads.
 */
final class ClientCloseServer implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final Semaphore accepted = new Semaphore(0);
    private final Semaphore closedByClients = new Semaphore(0);
    private volatile boolean closing;

    private ClientCloseServer(ServerSocketChannel server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("client-close-server-acceptor").daemon(true).start(this::accept);
    }

    static ClientCloseServer start() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        return new ClientCloseServer(server);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** Waits until {@code n} more connections have been accepted. */
    boolean awaitAccepted(int n, Duration timeout) throws InterruptedException {
        return accepted.tryAcquire(n, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until clients have closed {@code n} more connections. */
    boolean awaitClosedByClients(int n, Duration timeout) throws InterruptedException {
        return closedByClients.tryAcquire(n, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return connections closed by their clients and not yet awaited */
    int closedByClientsNow() {
        return closedByClients.availablePermits();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                clients.add(client);
                handlers.add(Thread.ofVirtual().name("client-close-server-handler").start(() -> echo(client)));
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

    /** Closes the server and its connections, and joins its threads (an interrupt stops the wait, and stays set). */
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
