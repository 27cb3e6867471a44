package dev.concurrency.examples.bench;

import dev.concurrency.Gil;
import dev.concurrency.Server;
import dev.concurrency.Strategy;
import dev.concurrency.examples.load.EchoServers;
import dev.concurrency.examples.load.Footprint;
import dev.concurrency.examples.load.LoadClient;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.EOFException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;

/**
 * What an idle connection costs an EVENT_LOOP loops(1) server: the load
 * generator (in its own JVM) opens the connections and holds them, twice:
 * connected only (each handler waits in its first {@code readLine}), then
 * after one round trip on each (a line has been read and echoed). Figures: the rise of this JVM's resident set per connection (target:
 * at most 4 KiB), the rise of its live heap per connection, and the classes
 * whose live bytes grew most, per connection, from the JVM's class histogram
 * (a full GC before each, and before each resident set is read). Run it in
 * a fresh JVM, before other work has grown and shrunk the heap: the resident
 * set moves with the heap's commits as well as with the connections.
 */
final class IdleConnections {

    /** The most resident memory one idle connection may cost. */
    static final double TARGET_BYTES = 4 * 1024;
    /** How many classes the histogram table shows. */
    private static final int TOP = 12;

    private IdleConnections() {
    }

    /** How long the server may take to accept connections that only connected. */
    private static final long ACCEPT_LIMIT_NS = 120_000_000_000L;

    /**
     * One way of holding the connections, and what it cost.
     *
     * @param label     the row's label
     * @param roundTrip whether each connection made a round trip before it went idle
     */
    record Variant(String label, boolean roundTrip) {
    }

    /**
     * The variants, in the order measured: after one round trip, then connected only. Only the first is read
     * in a fresh JVM: the second server's heap grows into memory the first one's made resident.
     */
    static final List<Variant> VARIANTS = List.of(new Variant("after one round trip", true),
            new Variant("connected, never sent a line", false));

    static List<Table> measure(int connections, LoadClient load, PrintStream err) throws Exception {
        List<Table> tables = new ArrayList<>();
        Table figures = new Table(String.format(Locale.ROOT, "idle: %,d idle connections held by an EVENT_LOOP"
                        + " loops(1) server (clients in another JVM; a new server each); per connection, after a full"
                        + " GC; the resident set only in a fresh JVM (the first row)", connections), "connections", "RSS rise", "target", "verdict", "live heap rise",
                "threads added");
        tables.add(figures);
        for (Variant variant : VARIANTS) {
            // a server of its own: what one variant's connections leave behind is not the next one's baseline
            try (Server server = EchoServers.start(Strategy.EVENT_LOOP, Gil.off(), connections)) {
                load.openIdle(server.address(), 1); // the first connection's one-time costs are not per connection
                load.release();
                awaitActive(server, 0);
                String before = histogram(); // kept as text: a parsed one would be counted in the next
                Footprint idle = Footprint.ofServer(Set.of(load.pid()));
                load.openIdle(server.address(), connections, variant.roundTrip());
                Footprint open;
                String after;
                try {
                    awaitActive(server, connections);
                    behindTheHandlers(server, connections);
                    after = histogram(); // a full GC first, as before the idle figure: both are taken after one
                    open = Footprint.ofServer(Set.of(load.pid()));
                    err.printf(Locale.ROOT, "idle: %s: %,d connections open, %d active in the server%n",
                            variant.label(), connections, server.stats().active());
                } finally {
                    load.release();
                }
                double rss = (open.residentBytes() - idle.residentBytes()) / (double) connections;
                Map<String, long[]> was = parse(before);
                Map<String, long[]> is = parse(after);
                double heap = (total(is) - total(was)) / (double) connections;
                boolean fresh = variant == VARIANTS.getFirst(); // later servers reuse memory already resident
                figures.row(variant.label(), fresh ? Figures.bytes(rss) : Figures.NONE,
                        "<= " + Figures.bytes(TARGET_BYTES), fresh ? Figures.verdict(rss <= TARGET_BYTES) : Figures.NONE,
                        Figures.bytes(heap),
                        Figures.fixed((open.threads() - idle.threads()) / (double) connections, 4));
                tables.add(classes(variant, connections, was, is));
            }
        }
        return tables;
    }

    /** Waits until the server has exactly {@code active} connections open: it accepts and ends them in its time. */
    private static void awaitActive(Server server, int active) throws InterruptedException {
        long deadline = System.nanoTime() + ACCEPT_LIMIT_NS;
        while (server.stats().active() != active) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server has " + server.stats().active()
                        + " connections open (expected: " + active + ")");
            }
            Thread.sleep(10); // a benchmark's wait for the server, not a test's synchronisation
        }
    }

    /**
     * Makes a round trip of its own on a new connection: the loop starts coroutines in the order the acceptor
     * spawned them, so once this one has answered, every handler spawned before it has run to its first read.
     * Returns once that connection's handler has ended too.
     */
    private static void behindTheHandlers(Server server, int connections) throws Exception {
        InetSocketAddress address = server.address();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(60_000);
            byte[] line = "behind\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(line);
            int n = socket.getInputStream().readNBytes(new byte[line.length], 0, line.length);
            if (n != line.length) {
                throw new EOFException("the server closed the last connection after " + n + " bytes");
            }
        }
        awaitActive(server, connections);
    }

    private static long total(Map<String, long[]> histogram) {
        return histogram.values().stream().mapToLong(v -> v[1]).sum();
    }

    private static Table classes(Variant variant, int connections, Map<String, long[]> before,
                                 Map<String, long[]> after) {
        Table classes = new Table("idle, " + variant.label() + ": the classes whose live bytes grew most, per"
                + " connection (class histogram after a full GC)", "class", "instances/conn", "bytes/conn");
        List<Map.Entry<String, double[]>> grown = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] was = before.getOrDefault(e.getKey(), new long[2]);
            grown.add(Map.entry(e.getKey(), new double[] {(e.getValue()[0] - was[0]) / (double) connections,
                    (e.getValue()[1] - was[1]) / (double) connections}));
        }
        grown.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> e.getValue()[1]).reversed());
        for (Map.Entry<String, double[]> e : grown.subList(0, Math.min(TOP, grown.size()))) {
            classes.row(e.getKey(), Figures.fixed(e.getValue()[0], 2), Figures.fixed(e.getValue()[1], 0));
        }
        return classes;
    }

    /**
     * The JVM's class histogram of live objects (it runs a full GC first), through the
     * {@code DiagnosticCommand} MBean, as {@code jcmd PID GC.class_histogram} prints it.
     *
     * @return the histogram's text
     */
    static String histogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /**
     * @param text a class histogram
     * @return per class name: instances and bytes
     */
    static Map<String, long[]> parse(String text) {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.lines().toList()) {
            String[] w = line.trim().split("\\s+");
            // " 1:  12345  678900  java.lang.String (java.base@25)"
            if (w.length >= 4 && w[0].endsWith(":")) {
                classes.merge(w[3], new long[] {Long.parseLong(w[1]), Long.parseLong(w[2])},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }
}
