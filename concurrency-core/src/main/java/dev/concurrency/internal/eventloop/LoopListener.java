package dev.concurrency.internal.eventloop;

import dev.concurrency.internal.engine.Listening;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A non-blocking listening socket on a loop, in callback form: {@link #accept}
 * completes at once when a connection is waiting, or registers interest in
 * accepting and completes when the selector says one is. One accept may be
 * pending at a time. Accepted connections are served by the same loop.
 * Accessed only on the loop, except {@link #close()}, which is handed to it.
 */
final class LoopListener implements EventLoop.Readiness, LoopPort {

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final InetSocketAddress local;
    private final Object owner;
    /** Made by the first accept, on the loop (the listener may be opened elsewhere). */
    private SelectionKey key;
    private Runnable pendingAccept;
    private boolean closed;

    private LoopListener(EventLoop loop, ServerSocketChannel channel, Object owner) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.owner = owner;
        this.local = Listening.localAddress(channel);
        channel.configureBlocking(false);
    }

    /**
     * Binds a listener served by {@code loop}.
     *
     * @param loop    the loop that serves it; the caller may be anywhere
     * @param address where to listen
     * @param owner   the listening task, for errors
     * @return the listener
     * @throws IOException if it cannot be bound (the message names the address)
     */
    static LoopListener open(EventLoop loop, InetSocketAddress address, Object owner) throws IOException {
        return open(loop, address, owner, false);
    }

    /**
     * Binds a listener served by {@code loop}, sharing its port when {@code reusePort} is set.
     *
     * @param loop      the loop that serves it
     * @param address   where to listen
     * @param owner     the listening task, for errors
     * @param reusePort whether to set {@code SO_REUSEPORT}
     * @return the listener
     * @throws IOException if it cannot be bound
     */
    static LoopListener open(EventLoop loop, InetSocketAddress address, Object owner, boolean reusePort)
            throws IOException {
        ServerSocketChannel channel = Listening.open(address, owner, reusePort);
        try {
            return new LoopListener(loop, channel, owner);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public Runnable accept(Callback<LoopStream> callback) {
        assert loop.inLoop();
        if (pendingAccept != null) {
            callback.complete(null, new IllegalStateException(owner + ": an accept is already pending on " + this
                    + "; start the next accept from the first one's stage"));
            return () -> { };
        }
        return acceptNow(callback);
    }

    private Runnable acceptNow(Callback<LoopStream> callback) {
        if (closed) {
            callback.complete(null, new java.nio.channels.ClosedChannelException());
            return () -> { };
        }
        SocketChannel accepted;
        try {
            accepted = channel.accept();
            if (accepted == null) {
                if (key == null) {
                    key = loop.register(channel, this);
                }
                pendingAccept = () -> acceptNow(callback);
                key.interestOps(key.interestOps() | SelectionKey.OP_ACCEPT);
                return this::disarm;
            }
        } catch (IOException | RuntimeException | Error e) {
            callback.complete(null, e);
            return () -> { };
        }
        LoopConnection connection;
        try {
            connection = LoopConnection.accepted(loop, accepted, owner);
        } catch (IOException | RuntimeException e) {
            callback.complete(null, e);
            return () -> { };
        }
        callback.complete(connection, null);
        return () -> { };
    }

    private void disarm() {
        pendingAccept = null;
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_ACCEPT);
        }
    }

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_ACCEPT) != 0 && pendingAccept != null) {
            Runnable accept = pendingAccept;
            pendingAccept = null;
            accept.run();
        }
    }

    /** Stops listening; a pending accept fails. Closing again does nothing. */
    @Override
    public void close() {
        if (!loop.onLoopOrHandOver(this::close) || closed) {
            return;
        }
        closed = true;
        loop.closeRegistered(key, channel);
        Runnable accept = pendingAccept;
        pendingAccept = null;
        if (accept != null) {
            accept.run(); // fails it: the listener is closed
        }
    }

    @Override
    public String toString() {
        return "Listener[" + local + "]";
    }
}
