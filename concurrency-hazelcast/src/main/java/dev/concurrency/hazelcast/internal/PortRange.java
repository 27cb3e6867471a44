package dev.concurrency.hazelcast.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A range of loopback ports free now, for one embedded cluster, away from
 * Hazelcast's default 5701 so a user's own member never meets it.
 *
 * @param first the first port
 * @param count how many
 */
record PortRange(int first, int count) {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 60_000;
    private static final int ATTEMPTS = 50;

    /**
     * @param count how many consecutive ports
     * @return a range whose ports could all be bound on 127.0.0.1 just now
     * @throws IllegalStateException if none was found
     */
    static PortRange find(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - count);
            if (allFree(first, count)) {
                return new PortRange(first, count);
            }
        }
        throw new IllegalStateException("CLUSTER found no " + count + " free consecutive ports on 127.0.0.1 between "
                + LOWEST + " and " + HIGHEST + " in " + ATTEMPTS + " tries; free some ports");
    }

    private static boolean allFree(int first, int count) {
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
