package dev.concurrency.internal.eventloop;

import dev.concurrency.internal.engine.LineReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * One end of a connection of a {@link SimulatedNetwork}. A write copies its
 * bytes and completes at once; they reach the other end after the network's
 * latency, after whatever this end sent before, and so does the end of stream
 * that closing sends. Loop-only, except {@link #close()}.
 */
final class SimulatedStream implements LoopStream {

    private final SimulatedNetwork network;
    private final InetSocketAddress remote;
    private final Object owner;
    private final ArrayDeque<ByteBuffer> arrived = new ArrayDeque<>();
    private final LineReader lines = new LineReader();
    private SimulatedStream peer;
    /** The virtual time the last delivery to the peer is due: deliveries keep their order. */
    private long lastDelivery;
    /** The peer has closed, and everything it sent before has arrived. */
    private boolean endOfStream;
    /** The peer has closed (what it sent may still be on its way). */
    private boolean peerClosed;
    private boolean closed;
    private Runnable pendingRead;

    SimulatedStream(SimulatedNetwork network, InetSocketAddress remote, Object owner) {
        this.network = network;
        this.remote = remote;
        this.owner = owner;
    }

    /** Joins the two ends of a new connection. */
    void connectTo(SimulatedStream other) {
        this.peer = other;
        other.peer = this;
    }

    @Override
    public Runnable write(ByteBuffer src, Callback<Void> callback) {
        if (closed) {
            callback.complete(null, new ClosedChannelException());
            return () -> { };
        }
        if (peerClosed) {
            callback.complete(null, SimulatedNetwork.reset(owner, remote));
            return () -> { };
        }
        ByteBuffer copy = ByteBuffer.allocate(src.remaining());
        copy.put(src).flip();
        SimulatedStream to = peer;
        deliver(() -> to.arrive(copy));
        callback.complete(null, null);
        return () -> { };
    }

    private void deliver(Runnable delivery) {
        EventLoop loop = network.loop();
        long due = Math.max(lastDelivery, loop.nanoTime() + network.latencyNanos());
        lastDelivery = due;
        loop.schedule(due - loop.nanoTime(), delivery);
    }

    private void arrive(ByteBuffer bytes) {
        if (closed) {
            return;
        }
        arrived.add(bytes);
        retryRead();
    }

    private void arriveEnd() {
        endOfStream = true;
        retryRead();
    }

    private void retryRead() {
        Runnable read = pendingRead;
        pendingRead = null;
        if (read != null) {
            read.run();
        }
    }

    @Override
    public Runnable read(ByteBuffer dst, Callback<Integer> callback) {
        if (pendingRead != null) {
            callback.complete(null, pending());
            return () -> { };
        }
        return readNow(dst, callback);
    }

    private Runnable readNow(ByteBuffer dst, Callback<Integer> callback) {
        if (closed) {
            callback.complete(null, new ClosedChannelException());
            return () -> { };
        }
        if (lines.hasBuffered()) {
            callback.complete(lines.drainInto(dst), null);
            return () -> { };
        }
        ByteBuffer head = arrived.peek();
        if (head != null) {
            int n = move(head, dst);
            if (!head.hasRemaining()) {
                arrived.poll();
            }
            callback.complete(n, null);
            return () -> { };
        }
        if (endOfStream) {
            callback.complete(-1, null);
            return () -> { };
        }
        pendingRead = () -> readNow(dst, callback);
        return () -> pendingRead = null;
    }

    @Override
    public Runnable readLine(Callback<String> callback) {
        if (pendingRead != null) {
            callback.complete(null, pending());
            return () -> { };
        }
        return readLineNow(callback);
    }

    private Runnable readLineNow(Callback<String> callback) {
        if (closed) {
            callback.complete(null, new ClosedChannelException());
            return () -> { };
        }
        String line;
        try {
            while (true) {
                line = lines.nextLine();
                if (line != null) {
                    break;
                }
                ByteBuffer head = arrived.poll();
                if (head == null) {
                    if (endOfStream) {
                        line = lines.rest();
                        break;
                    }
                    lines.stash();
                    pendingRead = () -> readLineNow(callback);
                    return () -> pendingRead = null;
                }
                move(head, lines.beginFill(network.loop().readBuffer()));
                if (head.hasRemaining()) {
                    arrived.addFirst(head);
                }
                lines.endFill();
            }
        } catch (IOException e) {
            lines.stash();
            callback.complete(null, e);
            return () -> { };
        }
        lines.stash();
        callback.complete(line, null);
        return () -> { };
    }

    /** Moves as many bytes as fit from {@code from} to {@code to}; returns how many. */
    private static int move(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(to.remaining(), from.remaining());
        to.put(from.slice(from.position(), n));
        from.position(from.position() + n);
        return n;
    }

    private IllegalStateException pending() {
        return new IllegalStateException(owner + ": a read is already pending on " + this
                + "; start the next read from the first one's stage");
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void close() {
        EventLoop loop = network.loop();
        if (!loop.onLoopOrHandOver(this::close) || closed) {
            return;
        }
        closed = true;
        pendingRead = null;
        arrived.clear();
        SimulatedStream to = peer;
        to.peerClosed = true;
        deliver(to::arriveEnd);
    }

    @Override
    public String toString() {
        return "Connection[" + remote + ", simulated]";
    }
}
