package dev.concurrency.internal.eventloop;

import dev.concurrency.AsyncConnection;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/** An {@link AsyncConnection} whose stages complete on the loop. */
final class CallbackConnection implements AsyncConnection {

    private final CallbackContext context;
    private final LoopStream connection;

    CallbackConnection(CallbackContext context, LoopStream connection) {
        this.context = context;
        this.connection = connection;
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer src) {
        return context.future(callback -> connection.write(src, callback));
    }

    @Override
    public CompletionStage<Void> write(String text) {
        return write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public CompletionStage<Integer> read(ByteBuffer dst) {
        return context.future(callback -> connection.read(dst, callback));
    }

    @Override
    public CompletionStage<String> readLine() {
        return context.future(connection::readLine);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public void close() {
        connection.close();
        context.closed(connection);
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
