package dev.concurrency.tests.process;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A barrier across processes: tasks connect to it (through their own
 * context) and read one line; it answers every one of them once the
 * expected number has connected. Closing it ends its thread.
 */
final class Rendezvous implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;
    private final java.util.concurrent.Semaphore arrivals = new java.util.concurrent.Semaphore(0);

    Rendezvous(int parties) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().name("rendezvous").start(() -> serve(parties));
    }

    /** @return where tasks connect */
    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /**
     * Waits until {@code n} tasks have connected.
     *
     * @param n how many
     * @throws InterruptedException if interrupted
     */
    void awaitArrivals(int n) throws InterruptedException {
        arrivals.acquire(n);
        arrivals.release(n);
    }

    private void serve(int parties) {
        List<Socket> arrived = new ArrayList<>();
        try {
            while (arrived.size() < parties) {
                arrived.add(server.accept());
                arrivals.release();
            }
            for (Socket s : arrived) {
                OutputStream out = s.getOutputStream();
                out.write("go\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // closed
        } finally {
            for (Socket s : arrived) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join();
    }
}
