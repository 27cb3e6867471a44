package dev.concurrency.examples.workloads;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * A line-echo server on 127.0.0.1, written as a production NIO server is: one
 * platform thread, one selector, non-blocking channels; it writes back every
 * byte it reads, so each line comes back whole. A write that does not finish
 * stops reading from that connection until it has. Closing it stops the thread
 * and closes every connection.
 *
 * <p>The one echo server of the example programs and of the JMH benchmarks.
 *
 * <pre>{@code
 * try (EchoServer echo = EchoServer.start()) {
 *     Connection c = ctx.connect(echo.address());
 * }
 * }</pre>
 *
 * <p>This class is thread-safe.
 */
public final class EchoServer implements AutoCloseable {

    private static final int BUFFER_BYTES = 4_096;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private final InetSocketAddress address;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private EchoServer(ServerSocketChannel server, Selector selector) throws IOException {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalAddress();
        this.selector = selector;
        this.thread = Thread.ofPlatform().name("echo-server").daemon(true).unstarted(this::serve);
    }

    /** How many connections may wait to be accepted by {@link #start()}. */
    public static final int DEFAULT_BACKLOG = 128;

    /**
     * Starts a server on an ephemeral port, with a backlog of {@value #DEFAULT_BACKLOG}.
     *
     * @return the running server
     * @throws IOException if it cannot bind
     */
    public static EchoServer start() throws IOException {
        return start(DEFAULT_BACKLOG);
    }

    /**
     * Starts a server on an ephemeral port.
     *
     * @param backlog how many connections may wait to be accepted (about the number that connect at once)
     * @return the running server
     * @throws IOException if it cannot bind
     */
    public static EchoServer start(int backlog) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        EchoServer echo;
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            echo = new EchoServer(server, selector);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        echo.thread.start();
        return echo;
    }

    /** @return where it listens */
    public InetSocketAddress address() {
        return address;
    }

    private void serve() {
        try {
            while (!stopping) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        if (!key.isValid()) continue;
                        if (key.isAcceptable()) accept();
                        else if (key.isReadable()) read(key);
                        else if (key.isWritable()) write(key);
                    } catch (IOException e) {
                        key.cancel();
                        key.channel().close();
                    }
                }
            }
        } catch (ClosedSelectorException e) {
            // closed: done
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(BUFFER_BYTES));
        }
    }

    private static void read(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        if (channel.read(buffer) < 0) {
            key.cancel();
            channel.close();
            return;
        }
        flush(key, channel, buffer);
    }

    private static void write(SelectionKey key) throws IOException {
        flush(key, (SocketChannel) key.channel(), (ByteBuffer) key.attachment());
    }

    /** Writes what the buffer holds; reads again once it is all written, waits to write otherwise. */
    private static void flush(SelectionKey key, SocketChannel channel, ByteBuffer buffer) throws IOException {
        buffer.flip();
        channel.write(buffer);
        buffer.compact();
        int ops = buffer.position() == 0 ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** @return what stopped the server thread unexpectedly, or {@code null} */
    public Throwable failure() {
        return failure;
    }

    /** Stops the thread, waits for it, and closes every connection; a second call does nothing more. */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(selector);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing: nothing is left to tell
        }
    }

    @Override
    public String toString() {
        return "EchoServer[" + address() + "]";
    }
}
