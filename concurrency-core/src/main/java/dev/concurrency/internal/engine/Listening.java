package dev.concurrency.internal.engine;

import dev.concurrency.Listener;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;

/** Opens listening sockets the one way every strategy does: a large backlog, and errors that name the address. */
public final class Listening {

    private Listening() {
    }

    /**
     * Binds a listening socket (blocking mode).
     *
     * @param address where
     * @param owner   who asks (a task), for the error
     * @return the bound channel
     * @throws IOException if it cannot be bound; the message names the address
     */
    public static ServerSocketChannel open(InetSocketAddress address, Object owner) throws IOException {
        return open(address, owner, false);
    }

    /**
     * Binds a listening socket (blocking mode), sharing its port with others that set
     * {@code SO_REUSEPORT} too when {@code reusePort} is set.
     *
     * @param address   where
     * @param owner     who asks, for the error
     * @param reusePort whether to set {@code SO_REUSEPORT}
     * @return the bound channel
     * @throws IOException if it cannot be bound, or {@code SO_REUSEPORT} is not supported; the message says which
     */
    public static ServerSocketChannel open(InetSocketAddress address, Object owner, boolean reusePort)
            throws IOException {
        Objects.requireNonNull(address, "address is null");
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            if (reusePort) {
                if (!channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new IOException(owner + ": this system does not support SO_REUSEPORT, which PROCESS "
                            + "servers need so that each worker accepts on the same port; use another strategy");
                }
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(address, Listener.BACKLOG);
            return channel;
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // it was never bound
            }
            if (e instanceof BindException) {
                BindException named = new BindException(owner + " cannot listen on " + address + ": "
                        + e.getMessage() + (address.getPort() != 0 ? " (is another server on that port? "
                        + "use port 0 for a free one)" : ""));
                named.initCause(e);
                throw named;
            }
            throw e;
        }
    }

    /**
     * @param channel a bound channel
     * @return the address it is bound to
     */
    public static InetSocketAddress localAddress(ServerSocketChannel channel) {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the listener is closed", e);
        }
    }
}
