package dev.concurrency.internal.eventloop;

import dev.concurrency.Connection;
import dev.concurrency.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A {@link Listener} whose accept suspends the task's coroutine; a cancelled accept closes it. */
final class CoroutineListener implements Listener {

    private final CoroutineContext context;
    private final LoopPort listener;

    CoroutineListener(CoroutineContext context, LoopPort listener) {
        this.context = context;
        this.listener = listener;
    }

    @Override
    public Connection accept() throws IOException {
        LoopStream accepted = context.<LoopStream>io(listener, listener::accept).value();
        return context.accepted(accepted);
    }

    @Override
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    @Override
    public void close() {
        listener.close();
    }

    @Override
    public String toString() {
        return listener.toString();
    }
}
