package dev.concurrency.examples.bench;

import dev.concurrency.Gil;
import dev.concurrency.Server;
import dev.concurrency.Strategy;
import dev.concurrency.examples.load.EchoServers;
import dev.concurrency.examples.load.Footprint;
import dev.concurrency.examples.load.LoadClient;
import dev.concurrency.examples.text.Figures;
import dev.concurrency.examples.text.Table;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
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
 * generator (in its own JVM) opens the connections, makes one round trip on
 * each (so each handler is running and waits in {@code readLine}), and holds
 * them. Figures: the rise of this JVM's resident set per connection (target:
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

    static List<Table> measure(int connections, LoadClient load, PrintStream err) throws Exception {
        try (Server server = EchoServers.start(Strategy.EVENT_LOOP, Gil.off(), connections)) {
            load.openIdle(server.address(), 1); // the first connection's one-time costs are not per connection
            load.release();
            String before = histogram(); // kept as text: a parsed one would be counted in the next
            Footprint idle = Footprint.ofServer(Set.of(load.pid()));
            load.openIdle(server.address(), connections);
            Footprint open;
            String after;
            try {
                after = histogram(); // a full GC first, as before the idle figure: both are taken after one
                open = Footprint.ofServer(Set.of(load.pid()));
                err.printf(Locale.ROOT, "idle: %,d connections open: %s active in the server%n", connections,
                        server.stats().active());
            } finally {
                load.release();
            }
            return report(connections, idle, open, parse(before), parse(after));
        }
    }

    private static List<Table> report(int connections, Footprint idle, Footprint open, Map<String, long[]> before,
                                      Map<String, long[]> after) {
        double rss = (open.residentBytes() - idle.residentBytes()) / (double) connections;
        long heapBefore = before.values().stream().mapToLong(v -> v[1]).sum();
        long heapAfter = after.values().stream().mapToLong(v -> v[1]).sum();
        double heap = (heapAfter - heapBefore) / (double) connections;
        Table figures = new Table(String.format(Locale.ROOT, "idle: %,d idle connections held by an EVENT_LOOP"
                        + " loops(1) server (each has made one round trip; clients in another JVM); per connection",
                connections), "figure", "per connection", "target", "verdict")
                .row("resident set (VmRSS) rise", Figures.bytes(rss), "<= " + Figures.bytes(TARGET_BYTES),
                        Figures.verdict(rss <= TARGET_BYTES))
                .row("live heap rise (class histogram)", Figures.bytes(heap), Figures.NONE, Figures.NONE)
                .row("threads added", Figures.fixed((open.threads() - idle.threads()) / (double) connections, 4),
                        Figures.NONE, Figures.NONE);
        Table classes = new Table("idle: the classes whose live bytes grew most, per connection (from the class"
                + " histogram, after a full GC)", "class", "instances/conn", "bytes/conn");
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
        return List.of(figures, classes);
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
