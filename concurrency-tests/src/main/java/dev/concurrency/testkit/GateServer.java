package dev.concurrency.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test's side of a {@link Gate}: a loopback server that reads one command
 * per line from each connection and answers it.
 *
 * <pre>
 *   ARRIVE who   records an arrival          answers "ok"
 *   WAIT         waits for the gate          answers "open" once it is open
 *   OPEN         opens the gate              answers "ok"
 * </pre>
 *
 * A connection closed while it waits, before the gate opened, counts as
 * abandoned. State is guarded by {@code this}; an acceptor thread and a
 * virtual thread per connection, all joined by {@link #close()}.
 */
final class GateServer {

    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();

    /** Guarded by this. */
    private final List<String> arrivals = new ArrayList<>();
    /** Guarded by this: connections waiting for the gate to open. */
    private final Set<Socket> waiting = new HashSet<>();
    /** Guarded by this. */
    private boolean open;
    /** Guarded by this. */
    private int abandoned;
    private volatile boolean closing;

    GateServer() throws IOException {
        server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().name("gate-acceptor").daemon(true).start(this::accept);
    }

    String host() {
        return server.getInetAddress().getHostAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized void open() {
        open = true;
        for (Socket s : waiting) {
            send(s, "open");
        }
        waiting.clear();
    }

    synchronized boolean isOpen() {
        return open;
    }

    synchronized List<String> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized boolean awaitArrivals(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < n) {
            if (!waitUntil(deadline)) return false;
        }
        return true;
    }

    synchronized boolean awaitAbandoned(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (abandoned < n) {
            if (!waitUntil(deadline)) return false;
        }
        return true;
    }

    synchronized int abandoned() {
        return abandoned;
    }

    /** Waits on this until notified or {@code deadline}; returns false once it has passed. Holds the lock. */
    private boolean waitUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        return true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                connections.add(s);
                handlers.add(Thread.ofVirtual().name("gate-connection").start(() -> serve(s)));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                command(s, line);
            }
        } catch (IOException e) {
            // reset by the client, or closed by close()
        } finally {
            synchronized (this) {
                if (waiting.remove(s) && !closing) {
                    abandoned++;
                    notifyAll();
                }
            }
            connections.remove(s);
            handlers.remove(Thread.currentThread());
        }
    }

    private synchronized void command(Socket s, String line) {
        if (line.startsWith("ARRIVE ")) {
            arrivals.add(line.substring("ARRIVE ".length()));
            notifyAll();
            send(s, "ok");
        } else if (line.equals("WAIT")) {
            if (open) {
                send(s, "open");
            } else {
                waiting.add(s);
            }
        } else if (line.equals("OPEN")) {
            open();
            send(s, "ok");
        } else {
            send(s, "error: unknown command " + line);
        }
    }

    /** Called with the lock held; a failed write ends that connection's wait as a close would. */
    private void send(Socket s, String line) {
        try {
            OutputStream out = s.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Closes the server and every connection, and joins its threads; an interrupt stops the wait and stays set. */
    void close() throws IOException {
        closing = true;
        server.close();
        try {
            acceptor.join();
            for (Socket s : Set.copyOf(connections)) {
                s.close();
            }
            for (Thread handler : Set.copyOf(handlers)) {
                handler.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
