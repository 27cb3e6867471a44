package dev.concurrency.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 that sends back every byte it receives, for
 * tests that use {@link dev.concurrency.TaskContext#connect}. It counts the
 * connections its clients have closed. Closing it closes every connection and
 * joins its threads.
 *
 * <pre>{@code
 * try (EchoServer echo = EchoServer.start()) {
 *     Connection c = ctx.connect(echo.address());
 * }
 * }</pre>
 */
public final class EchoServer implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger closedByClients = new AtomicInteger();

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

    /** @return how many connections the clients have closed so far */
    public int closedByClients() {
        return closedByClients.get();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                clients.add(client);
                handlers.add(Thread.ofVirtual().name("echo-server-handler").start(() -> echo(client)));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void echo(SocketChannel client) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try (client) {
            while (client.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    client.write(buffer);
                }
                buffer.clear();
            }
            closedByClients.incrementAndGet();
        } catch (IOException e) {
            // the server is closing, or the client reset the connection
        } finally {
            clients.remove(client);
            handlers.remove(Thread.currentThread());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join();
        for (SocketChannel client : Set.copyOf(clients)) {
            client.close();
        }
        for (Thread handler : Set.copyOf(handlers)) {
            handler.join();
        }
    }
}
