package dev.concurrency.internal.thread;

import dev.concurrency.Connection;
import dev.concurrency.Listener;
import dev.concurrency.internal.engine.Listening;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * A listener over a blocking {@link ServerSocketChannel}: {@link #accept()}
 * blocks the task's thread; an interrupt (a cancellation) closes the listener
 * and fails the call with {@link java.nio.channels.ClosedByInterruptException}.
 * Accepted connections belong to the listening task (closed when it ends) and
 * may be handed to its children. Used by the task's thread; {@link #close()} from any.
 */
final class BlockingListener implements Listener {

    private final ServerSocketChannel channel;
    private final BlockingTaskContext context;
    private final InetSocketAddress local;

    BlockingListener(ServerSocketChannel channel, BlockingTaskContext context) {
        this.channel = channel;
        this.context = context;
        this.local = Listening.localAddress(channel);
    }

    @Override
    public Connection accept() throws IOException {
        return context.accepted(channel.accept());
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a listener fails only if it is already broken
        }
    }

    @Override
    public String toString() {
        return "Listener[" + local + "]";
    }
}
