package dev.concurrency.internal.eventloop;

import dev.concurrency.internal.engine.LineReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking TCP connection on a loop, in callback form: each operation
 * completes at once when it can, or registers interest with the loop's
 * selector and completes when the channel is ready. One read and one write may
 * be pending at a time: a second read (or write) while one is pending fails at
 * once, as {@link java.nio.channels.AsynchronousSocketChannel}'s
 * {@code ReadPendingException} does, rather than replace the first. An
 * operation that throws (a read into a read-only buffer, even an {@link Error})
 * completes its callback with the error. Accessed only on the loop.
 */
final class LoopConnection implements EventLoop.Readiness, LoopStream {

    private final EventLoop loop;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    /** The task that opened it, for errors. */
    private final Object owner;
    private final LineReader lines = new LineReader();
    private SelectionKey key;
    private Callback<LoopConnection> pendingConnect;
    private Runnable pendingRead;
    /**
     * Loop-only: the last read tried as a read operation began found nothing (as
     * when a reply is awaited right after a request): the next ones wait for the
     * selector first instead of spending a system call on an empty socket, until
     * a read the selector prompted finds more than it had room for (data streams
     * in, and reading at once pays again).
     */
    private boolean readsFindNothing;
    private Runnable pendingWrite;
    private boolean closed;

    private LoopConnection(EventLoop loop, SocketChannel channel, InetSocketAddress remote, Object owner) {
        this.loop = loop;
        this.channel = channel;
        this.remote = remote;
        this.owner = owner;
    }

    /** Opens a connection for {@code owner} (a task); completes once it is established. */
    static Runnable connect(EventLoop loop, InetSocketAddress remote, Object owner, Callback<LoopConnection> callback) {
        assert loop.inLoop();
        LoopConnection connection;
        try {
            SocketChannel channel = SocketChannel.open();
            connection = new LoopConnection(loop, channel, remote, owner);
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                connection.key = loop.register(channel, connection);
                if (channel.connect(remote)) {
                    callback.complete(connection, null);
                } else {
                    connection.pendingConnect = callback;
                    connection.interest(SelectionKey.OP_CONNECT);
                }
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (IOException e) {
            callback.complete(null, e);
            return () -> { };
        }
        LoopConnection c = connection;
        return () -> {
            if (c.pendingConnect != null) {
                c.pendingConnect = null;
                c.close();
            }
        };
    }

    /**
     * Wraps a connection a {@link LoopListener} accepted, registered with the loop.
     *
     * @param loop    the loop it is served by
     * @param channel the accepted channel
     * @param owner   the task that listens, for errors
     * @return the connection
     * @throws IOException if it cannot be set up (it is then closed)
     */
    static LoopConnection accepted(EventLoop loop, SocketChannel channel, Object owner) throws IOException {
        assert loop.inLoop();
        LoopConnection connection = new LoopConnection(loop, channel,
                (InetSocketAddress) channel.getRemoteAddress(), owner);
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection.key = loop.register(channel, connection);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public Runnable write(ByteBuffer src, Callback<Void> callback) {
        assert loop.inLoop();
        if (pendingWrite != null) {
            callback.complete(null, pending("write"));
            return () -> { };
        }
        return writeNow(src, callback);
    }

    private Runnable writeNow(ByteBuffer src, Callback<Void> callback) {
        try {
            while (src.hasRemaining()) {
                if (channel.write(src) == 0) {
                    pendingWrite = () -> writeNow(src, callback);
                    interest(SelectionKey.OP_WRITE);
                    return this::disarmWrite;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            callback.complete(null, e);
            return () -> { };
        }
        callback.complete(null, null);
        return () -> { };
    }

    private IllegalStateException pending(String operation) {
        return new IllegalStateException(owner + ": a " + operation + " is already pending on " + this
                + "; start the next " + operation + " from the first one's stage");
    }

    @Override
    public Runnable read(ByteBuffer dst, Callback<Integer> callback) {
        assert loop.inLoop();
        if (pendingRead != null) {
            callback.complete(null, pending("read"));
            return () -> { };
        }
        return readNow(dst, callback, true);
    }

    /**
     * @param start whether the operation starts here (it reads at once unless {@link #readsFindNothing}), or
     *              the selector prompted the read
     */
    private Runnable readNow(ByteBuffer dst, Callback<Integer> callback, boolean start) {
        boolean tryFirst = !start || !readsFindNothing;
        if (lines.hasBuffered()) {
            callback.complete(lines.drainInto(dst), null);
            return () -> { };
        }
        try {
            int n = tryFirst ? channel.read(dst) : 0;
            if (start && tryFirst) {
                readsFindNothing = n == 0;
            } else if (!start && !dst.hasRemaining()) {
                readsFindNothing = false; // it filled the buffer: more is likely there already
            }
            if (n == 0 && dst.hasRemaining()) {
                pendingRead = () -> readNow(dst, callback, false);
                interest(SelectionKey.OP_READ);
                return this::disarmRead;
            }
            callback.complete(n, null);
        } catch (IOException | RuntimeException | Error e) {
            callback.complete(null, e);
        }
        return () -> { };
    }

    @Override
    public Runnable readLine(Callback<String> callback) {
        assert loop.inLoop();
        if (pendingRead != null) {
            callback.complete(null, pending("read"));
            return () -> { };
        }
        return readLineNow(callback, true);
    }

    /**
     * Reads into the loop's shared buffer: a connection waiting for a line
     * holds no buffer, only the bytes of a line begun or of lines that came
     * with the last one. What is left is stashed before the callback runs (it
     * may read another connection, into the same buffer).
     *
     * @param start whether the operation starts here (it reads at once unless {@link #readsFindNothing}), or
     *              the selector prompted the read
     */
    private Runnable readLineNow(Callback<String> callback, boolean start) {
        boolean tryFirst = !start || !readsFindNothing;
        String line;
        try {
            for (boolean first = true; ; first = false) {
                line = lines.nextLine();
                if (line != null) {
                    break;
                }
                int n = 0;
                if (tryFirst || !first) {
                    ByteBuffer into = lines.beginFill(loop.readBuffer());
                    int room = into.remaining();
                    try {
                        n = channel.read(into);
                    } finally {
                        lines.endFill();
                    }
                    if (first && start) {
                        readsFindNothing = n == 0;
                    } else if (!start && n == room) {
                        readsFindNothing = false; // it filled the buffer: more is likely there already
                    }
                }
                if (n < 0) {
                    line = lines.rest();
                    break;
                }
                if (n == 0) {
                    lines.stash();
                    pendingRead = () -> readLineNow(callback, false);
                    interest(SelectionKey.OP_READ);
                    return this::disarmRead;
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            lines.stash();
            callback.complete(null, e);
            return () -> { };
        }
        lines.stash();
        callback.complete(line, null);
        return () -> { };
    }

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_CONNECT) != 0 && pendingConnect != null) {
            Callback<LoopConnection> callback = pendingConnect;
            pendingConnect = null;
            try {
                channel.finishConnect();
                callback.complete(this, null);
            } catch (IOException e) {
                close();
                callback.complete(null, e);
            }
        }
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            if (pendingRead != null) {
                Runnable read = pendingRead;
                pendingRead = null;
                read.run();
            } else if (key.isValid()) {
                // bytes came while no read waits: stop hearing of them until one does (the selector would repeat it)
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            }
        }
        if ((readyOps & SelectionKey.OP_WRITE) != 0 && pendingWrite != null) {
            Runnable write = pendingWrite;
            pendingWrite = null;
            write.run();
        }
    }

    /** Read interest stays set while reads follow one another; {@link #ready} clears it when none waits. */
    @Override
    public boolean keepsReadInterest() {
        return true;
    }

    private void interest(int op) {
        key.interestOps(key.interestOps() | op);
    }

    private void disarmRead() {
        pendingRead = null;
        if (key.isValid()) key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
    }

    private void disarmWrite() {
        pendingWrite = null;
        if (key.isValid()) key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
    }

    /** Closes the channel and forgets pending operations; closing again does nothing. */
    @Override
    public void close() {
        if (!loop.onLoopOrHandOver(this::close) || closed) {
            return;
        }
        closed = true;
        pendingConnect = null;
        pendingRead = null;
        pendingWrite = null;
        loop.closeRegistered(key, channel);
    }

    @Override
    public String toString() {
        return "Connection[" + remote + "]";
    }
}
