package dev.concurrency.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP echo server on 127.0.0.1 for the round-trip benchmark: one platform
 * thread with a selector serves every connection, so a new connection costs
 * no new thread and the server side is the same for every strategy measured.
 * Bytes come back in the order they came, whole lines or not.
 *
 * <pre>{@code
 * try (EchoServer echo = EchoServer.start()) {
 *     Connection c = ctx.connect(echo.address());
 * }
 * }</pre>
 *
 * <p>{@link #address()} and {@link #close()} may be called from any thread.
 */
final class EchoServer implements AutoCloseable {

    private static final int BUFFER_SIZE = 4096;

    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    /** Used only by {@link #thread}, but woken and, once the thread has ended, closed by {@link #close()}. */
    private final Selector selector;
    private final Thread thread;
    private volatile boolean closing;

    private EchoServer(ServerSocketChannel server, Selector selector) throws IOException {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalAddress();
        this.selector = selector;
        this.thread = Thread.ofPlatform().name("bench-echo-server").daemon(true).start(this::serve);
    }

    /**
     * Starts a server on an ephemeral port of 127.0.0.1.
     *
     * @return the running server
     * @throws IOException if it cannot bind
     */
    static EchoServer start() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = Selector.open();
        try {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 128);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            return new EchoServer(server, selector);
        } catch (IOException | RuntimeException e) {
            selector.close();
            server.close();
            throw e;
        }
    }

    /** @return where to connect */
    InetSocketAddress address() {
        return address;
    }

    private void serve() {
        try {
            while (!closing) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException("echo server failed", e);
        } finally {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key); // the server socket and every connection; close() closes the selector
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            SocketChannel client = server.accept();
            if (client != null) {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                client.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(BUFFER_SIZE));
            }
            return;
        }
        SocketChannel client = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        try {
            if (key.isReadable()) {
                if (client.read(buffer) < 0) {
                    closeQuietly(key);
                    return;
                }
                buffer.flip();
            }
            client.write(buffer);
            if (buffer.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE); // read no more until the client takes what it sent
            } else {
                buffer.clear();
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException reset) {
            closeQuietly(key);
        }
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        closeQuietly(key.channel());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing: nothing left to do with it
        }
    }

    /**
     * Stops the server: closes its connections and its socket, and joins its
     * thread (an interrupt meanwhile stays set). Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (!selector.isOpen()) {
            return;
        }
        closing = true;
        selector.wakeup();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the thread ends at once once woken: finish joining it
            }
        }
        closeQuietly(selector);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
