package dev.concurrency.examples.load;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The load generator: a plain NIO client on one thread and one selector, not
 * one of the library's strategies, so that what it measures is the server.
 * It runs in a JVM of its own ({@link LoadClient} starts it) and takes one
 * command per line on stdin, answering on stdout:
 *
 * <pre>
 * echo HOST PORT CONNECTIONS WARM_UP_MS WINDOW_MS   opens the connections, one round trip each, then "ready";
 *                                                   on "go": closed-loop round trips of a 64-byte line, a warm-up,
 *                                                   then a counted window; "result REQUESTS WINDOW_NS P50_NS P99_NS"
 * idle HOST PORT CONNECTIONS [connect]              opens the connections, one round trip each (none with
 *                                                   "connect": connected only), then "ready";
 *                                                   on "go": closes them, then "closed"
 * quit                                              exits (so does the end of stdin)
 * </pre>
 *
 * A command that fails answers {@code error MESSAGE} and closes its connections; the next command runs.
 */
public final class LoadGenerator {

    /** Bytes per line, {@code \n} included. */
    public static final int LINE_BYTES = 64;
    /** The line every connection sends. */
    static final byte[] LINE = (".".repeat(LINE_BYTES - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
    /** How long opening the connections (and their first round trip) may take. */
    private static final long CONNECT_LIMIT_NS = 120_000_000_000L;

    private final BufferedReader in;
    private final PrintStream out;

    private LoadGenerator(BufferedReader in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Serves commands from stdin until {@code quit} or its end.
     *
     * @param args none
     * @throws IOException if stdin cannot be read
     */
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        new LoadGenerator(in, System.out).serve();
    }

    private void serve() throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.strip().split(" ");
            if (words[0].equals("quit")) {
                return;
            }
            try {
                answer(command(words));
            } catch (Exception e) {
                answer("error " + String.valueOf(e).replace('\n', ' '));
            }
        }
    }

    private void answer(String line) {
        out.println(line);
        out.flush();
    }

    private String command(String[] words) throws Exception {
        if (words.length < 4 || !(words[0].equals("echo") || words[0].equals("idle"))) {
            throw new IllegalArgumentException("unknown command: " + String.join(" ", words));
        }
        InetSocketAddress server = new InetSocketAddress(words[1], Integer.parseInt(words[2]));
        int connections = Integer.parseInt(words[3]);
        boolean prime = !(words[0].equals("idle") && words.length > 4 && words[4].equals("connect"));
        try (Clients clients = new Clients(server, connections, prime)) {
            clients.connectAndPrime();
            answer("ready");
            String go = in.readLine();
            if (!"go".equals(go)) {
                throw new IOException("expected 'go', got " + go);
            }
            if (words[0].equals("idle")) {
                return "closed";
            }
            long warmUp = Long.parseLong(words[4]) * 1_000_000;
            long window = Long.parseLong(words[5]) * 1_000_000;
            return clients.drive(warmUp, window).line();
        }
    }

    /**
     * What one echo command measured.
     *
     * @param requests round trips completed in the window
     * @param windowNanos the window's length
     * @param p50Nanos median latency of those round trips
     * @param p99Nanos 99th percentile
     */
    record Figures(long requests, long windowNanos, long p50Nanos, long p99Nanos) {
        String line() {
            return String.format(Locale.ROOT, "result %d %d %d %d", requests, windowNanos, p50Nanos, p99Nanos);
        }
    }

    /** One connection: what it has to send and how much of the echo has come back. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer out = ByteBuffer.wrap(LINE);
        int received;
        long sentAt;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /** The connections of one command, on one selector. */
    private static final class Clients implements AutoCloseable {
        private final InetSocketAddress server;
        private final int count;
        /** Whether each connection makes a round trip once connected; if not, it stays silent. */
        private final boolean prime;
        private final Selector selector;
        private final List<Conn> conns;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private long[] latencies = new long[1 << 16];
        private int recorded;

        Clients(InetSocketAddress server, int count, boolean prime) throws IOException {
            this.server = server;
            this.count = count;
            this.prime = prime;
            this.selector = Selector.open();
            this.conns = new ArrayList<>(count);
        }

        /**
         * Opens every connection and, if priming, does one round trip on each (so the server has accepted them
         * all and each handler runs).
         */
        void connectAndPrime() throws IOException, TimeoutException {
            int[] primed = {0};
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open();
                Conn conn = new Conn(channel);
                conns.add(conn);
                channel.configureBlocking(false);
                if (!channel.connect(server)) {
                    channel.register(selector, SelectionKey.OP_CONNECT, conn);
                } else if (prime) {
                    send(channel.register(selector, 0, conn), conn);
                } else {
                    channel.register(selector, 0, conn);
                    primed[0]++;
                }
            }
            long deadline = System.nanoTime() + CONNECT_LIMIT_NS;
            while (primed[0] < count) {
                turn(deadline, (key, conn, now) -> {
                    key.interestOps(0);
                    primed[0]++;
                });
            }
        }

        /** Closed-loop round trips on every connection: a warm-up, then the counted window. */
        Figures drive(long warmUpNanos, long windowNanos) throws IOException, TimeoutException {
            long start = System.nanoTime();
            long from = start + warmUpNanos;
            long until = from + windowNanos;
            long[] requests = {0};
            for (Conn conn : conns) {
                send(conn.channel.keyFor(selector), conn);
            }
            long now;
            while ((now = System.nanoTime()) < until) {
                turn(until + CONNECT_LIMIT_NS, (key, conn, at) -> {
                    if (conn.sentAt >= from && at <= until) {
                        record(at - conn.sentAt);
                        requests[0]++;
                    }
                    if (at < until) {
                        send(key, conn);
                    } else {
                        key.interestOps(0);
                    }
                }, until - now);
            }
            long[] sorted = Arrays.copyOf(latencies, recorded);
            Arrays.sort(sorted);
            return new Figures(requests[0], windowNanos, percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        private void record(long nanos) {
            if (recorded == latencies.length) {
                latencies = Arrays.copyOf(latencies, recorded * 2);
            }
            latencies[recorded++] = nanos;
        }

        /** What to do when a connection's echo has fully come back. */
        @FunctionalInterface
        private interface Echoed {
            void echoed(SelectionKey key, Conn conn, long now) throws IOException;
        }

        private void turn(long deadline, Echoed echoed) throws IOException, TimeoutException {
            turn(deadline, echoed, deadline - System.nanoTime());
        }

        /** One select and what it found; waits at most {@code waitNanos}. */
        private void turn(long deadline, Echoed echoed, long waitNanos) throws IOException, TimeoutException {
            long now = System.nanoTime();
            if (now >= deadline) {
                throw new TimeoutException("the server did not answer in time");
            }
            selector.select(Math.max(1, Math.min(waitNanos, deadline - now) / 1_000_000));
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Conn conn = (Conn) key.attachment();
                if (key.isConnectable()) {
                    conn.channel.finishConnect();
                    if (prime) {
                        send(key, conn);
                    } else {
                        key.interestOps(0);
                        echoed.echoed(key, conn, System.nanoTime()); // connected is all it does
                    }
                } else if (key.isWritable()) {
                    write(key, conn);
                } else if (key.isReadable() && read(conn)) {
                    echoed.echoed(key, conn, System.nanoTime());
                }
            }
        }

        /** @return whether the whole line has come back */
        private boolean read(Conn conn) throws IOException {
            in.clear();
            int n = conn.channel.read(in);
            if (n < 0) {
                throw new EOFException("the server closed a connection");
            }
            conn.received += n;
            if (conn.received < LINE_BYTES) {
                return false;
            }
            if (conn.received > LINE_BYTES || in.get(in.position() - 1) != '\n') {
                throw new IOException("echo mismatch: " + conn.received + " bytes for a " + LINE_BYTES + "-byte line");
            }
            return true;
        }

        private static void send(SelectionKey key, Conn conn) throws IOException {
            conn.out.rewind();
            conn.received = 0;
            conn.sentAt = System.nanoTime();
            write(key, conn);
        }

        private static void write(SelectionKey key, Conn conn) throws IOException {
            conn.channel.write(conn.out);
            int ops = conn.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        }

        private static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p * sorted.length); // nearest rank
            return sorted[Math.max(0, rank - 1)];
        }

        @Override
        public void close() throws IOException {
            try {
                for (Conn conn : conns) {
                    conn.channel.close();
                }
            } finally {
                selector.close();
            }
        }
    }
}
