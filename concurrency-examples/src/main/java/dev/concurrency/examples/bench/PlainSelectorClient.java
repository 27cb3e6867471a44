package dev.concurrency.examples.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The ceiling for the echo benchmark: a hand-written client on one thread,
 * one selector and non-blocking channels. Each connection sends a line, waits
 * until all of its bytes have come back, and sends the next, {@code roundTrips}
 * times, then closes. Everything runs on the calling thread.
 */
final class PlainSelectorClient {

    private PlainSelectorClient() {
    }

    /** One connection's progress. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer out;
        int done;
        int received;

        Conn(SocketChannel channel, ByteBuffer line) {
            this.channel = channel;
            this.out = line.duplicate();
        }
    }

    /**
     * Runs the connections to completion.
     *
     * @param server      the echo server
     * @param connections how many connections, all at once
     * @param roundTrips  round trips per connection
     * @param line        the line to send (ends with {@code \n}); not modified
     * @param timeout     how long the whole run may take
     * @throws IOException      if a connection fails, or the server closes one early or echoes something else
     * @throws TimeoutException if the run takes longer than {@code timeout}
     */
    static void run(InetSocketAddress server, int connections, int roundTrips, ByteBuffer line, Duration timeout)
            throws IOException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int lineBytes = line.remaining();
        ByteBuffer in = ByteBuffer.allocate(Math.max(lineBytes, 1_024));
        List<SocketChannel> channels = new ArrayList<>(connections);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel channel = SocketChannel.open();
                channels.add(channel);
                channel.configureBlocking(false);
                Conn conn = new Conn(channel, line);
                if (channel.connect(server)) {
                    send(channel.register(selector, 0, conn), conn);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, conn);
                }
            }
            int open = connections;
            while (open > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(open + " of " + connections + " connections unfinished after " + timeout);
                }
                selector.select(Math.max(1, left / 1_000_000));
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Conn conn = (Conn) key.attachment();
                    if (key.isConnectable()) {
                        conn.channel.finishConnect();
                        send(key, conn);
                    } else if (key.isWritable()) {
                        write(key, conn);
                    } else if (key.isReadable()) {
                        in.clear();
                        int n = conn.channel.read(in);
                        if (n < 0) {
                            throw new EOFException("server closed a connection after " + conn.done + " round trips");
                        }
                        conn.received += n;
                        if (conn.received < lineBytes) continue;
                        if (conn.received > lineBytes || in.get(in.position() - 1) != '\n') {
                            throw new IOException("echo mismatch: got " + conn.received + " bytes for a " + lineBytes
                                    + "-byte line");
                        }
                        if (++conn.done == roundTrips) {
                            key.cancel();
                            conn.channel.close();
                            open--;
                        } else {
                            send(key, conn);
                        }
                    }
                }
            }
        } finally {
            for (SocketChannel channel : channels) {
                channel.close();
            }
        }
    }

    /** Starts the next round trip. */
    private static void send(SelectionKey key, Conn conn) throws IOException {
        conn.out.rewind();
        conn.received = 0;
        write(key, conn);
    }

    private static void write(SelectionKey key, Conn conn) throws IOException {
        conn.channel.write(conn.out);
        int ops = conn.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }
}
