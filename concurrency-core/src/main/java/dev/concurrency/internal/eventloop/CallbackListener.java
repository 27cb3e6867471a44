package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncConnection;
import dev.concurrency.AsyncListener;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/** An {@link AsyncListener} whose accepts complete on the task's loop, as the task's other operations do. */
final class CallbackListener implements AsyncListener {

    private final CallbackContext context;
    private final LoopPort listener;

    CallbackListener(CallbackContext context, LoopPort listener) {
        this.context = context;
        this.listener = listener;
    }

    @Override
    public CompletionStage<AsyncConnection> accept() {
        return context.<LoopStream>future(listener::accept).thenApply(context::accepted);
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
