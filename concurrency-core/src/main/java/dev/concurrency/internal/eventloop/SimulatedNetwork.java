package dev.concurrency.internal.eventloop;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The network of a simulated run, in memory: the ports its tasks listen on
 * and the connections between them. Every delivery (a connection reaching its
 * port, a write reaching its reader, an end of stream) takes a latency drawn
 * from the run's seed, between {@value #MIN_LATENCY_MICROS} and
 * {@value #MAX_LATENCY_MICROS} microseconds of virtual time; what one end
 * sends arrives in order. Only the run's own tasks can reach it.
 *
 * <p>Loop-only.
 */
final class SimulatedNetwork {

    static final int MIN_LATENCY_MICROS = 50;
    static final int MAX_LATENCY_MICROS = 1_000;
    /** Where ports asked for as port 0, and the clients' own ports, are numbered from. */
    private static final int FIRST_FREE_PORT = 40_000;

    private final EventLoop loop;
    private final SplittableRandom latency;
    private final Map<Integer, Port> ports = new HashMap<>();
    private int nextPort = FIRST_FREE_PORT;

    SimulatedNetwork(EventLoop loop, SplittableRandom latency) {
        this.loop = loop;
        this.latency = latency;
    }

    /** @return a latency for one delivery, in nanoseconds */
    long latencyNanos() {
        return latency.nextLong(MIN_LATENCY_MICROS, MAX_LATENCY_MICROS + 1) * 1_000;
    }

    /** @return the loop */
    EventLoop loop() {
        return loop;
    }

    /**
     * Listens on a port of the network.
     *
     * @param address its port, or 0 for a free one; the host is kept as given
     * @param owner   the task, for errors
     * @return the port
     * @throws BindException if the port is taken
     */
    LoopPort listen(InetSocketAddress address, Object owner) throws BindException {
        int number = address.getPort() == 0 ? freePort() : address.getPort();
        if (ports.containsKey(number)) {
            throw new BindException(owner + ": address already in use in the simulated network: " + address);
        }
        Port port = new Port(new InetSocketAddress(host(address), number), number);
        ports.put(number, port);
        return port;
    }

    private int freePort() {
        while (ports.containsKey(nextPort)) {
            nextPort++;
        }
        return nextPort++;
    }

    private static InetAddress host(InetSocketAddress address) {
        return address.getAddress() != null ? address.getAddress() : InetAddress.getLoopbackAddress();
    }

    /**
     * Connects to a port of the network, after a latency.
     *
     * @param remote   where to
     * @param owner    the task, for errors
     * @param callback told the connection, or a {@link ConnectException} if nothing listens there
     * @return disarms it: a connection made after that is closed
     */
    Runnable connect(InetSocketAddress remote, Object owner, Callback<LoopStream> callback) {
        boolean[] disarmed = new boolean[1];
        LoopTimer timer = loop.schedule(latencyNanos(), () -> {
            Port port = ports.get(remote.getPort());
            if (port == null) {
                callback.complete(null, new ConnectException(owner + ": connection refused: nothing listens on "
                        + remote + " in the simulated network"));
                return;
            }
            InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
            SimulatedStream client = new SimulatedStream(this, port.local, owner);
            SimulatedStream server = new SimulatedStream(this, local, owner);
            client.connectTo(server);
            port.arrived(server);
            if (disarmed[0]) {
                client.close();
            } else {
                callback.complete(client, null);
            }
        });
        return () -> {
            disarmed[0] = true;
            timer.cancel();
        };
    }

    /** A listening port: connections wait in its backlog until accepted. */
    private final class Port implements LoopPort {
        private final InetSocketAddress local;
        private final int number;
        private final ArrayDeque<SimulatedStream> backlog = new ArrayDeque<>();
        private Callback<LoopStream> pendingAccept;
        private boolean closed;

        Port(InetSocketAddress local, int number) {
            this.local = local;
            this.number = number;
        }

        @Override
        public Runnable accept(Callback<LoopStream> callback) {
            if (pendingAccept != null) {
                callback.complete(null, new IllegalStateException("an accept is already pending on " + this
                        + "; start the next accept from the first one's stage"));
                return () -> { };
            }
            if (closed) {
                callback.complete(null, new ClosedChannelException());
                return () -> { };
            }
            SimulatedStream next = backlog.poll();
            if (next != null) {
                callback.complete(next, null);
                return () -> { };
            }
            pendingAccept = callback;
            return () -> pendingAccept = null;
        }

        void arrived(SimulatedStream connection) {
            Callback<LoopStream> waiting = pendingAccept;
            pendingAccept = null;
            if (waiting != null) {
                waiting.complete(connection, null);
            } else {
                backlog.add(connection);
            }
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public void close() {
            if (!loop.onLoopOrHandOver(this::close) || closed) {
                return;
            }
            closed = true;
            ports.remove(number);
            for (SimulatedStream waiting; (waiting = backlog.poll()) != null; ) {
                waiting.close();
            }
            Callback<LoopStream> waiting = pendingAccept;
            pendingAccept = null;
            if (waiting != null) {
                waiting.complete(null, new ClosedChannelException());
            }
        }

        @Override
        public String toString() {
            return "Listener[" + local + ", simulated]";
        }
    }

    /** @return an error for a write to a connection whose peer has closed */
    static IOException reset(Object owner, InetSocketAddress remote) {
        return new IOException(owner + ": connection reset by peer " + remote + " (simulated network)");
    }
}
