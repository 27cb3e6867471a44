package dev.concurrency.internal.thread;

import dev.concurrency.Connection;
import dev.concurrency.internal.engine.LineReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A connection over a blocking {@link SocketChannel}. An interrupt (the thread
 * strategies' cancellation) closes the channel and fails the blocked call with
 * {@link java.nio.channels.ClosedByInterruptException}. Accessed by one
 * thread at a time: the task's, or a child's it was handed to.
 */
final class BlockingConnection implements Connection {

    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final LineReader lines = new LineReader();
    /** Told once it is closed, from whichever thread closes it. */
    private final Consumer<AutoCloseable> closed;

    BlockingConnection(SocketChannel channel, InetSocketAddress remote, Consumer<AutoCloseable> closed) {
        this.channel = channel;
        this.remote = remote;
        this.closed = closed;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            channel.write(src);
        }
    }

    @Override
    public void write(String text) throws IOException {
        write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (lines.hasBuffered()) {
            return lines.drainInto(dst);
        }
        return channel.read(dst);
    }

    @Override
    public String readLine() throws IOException {
        while (true) {
            String line = lines.nextLine();
            if (line != null) {
                return line;
            }
            int n;
            try {
                n = channel.read(lines.beginFill());
            } finally {
                lines.endFill();
            }
            if (n < 0) {
                return lines.rest();
            }
        }
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket channel fails only if it is already broken
        }
        closed.accept(this);
    }

    @Override
    public String toString() {
        return "Connection[" + remote + "]";
    }
}
