package dev.concurrency.internal.eventloop;

import dev.concurrency.Connection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Connection} whose waits suspend the calling coroutine: its task's, or
 * a child's on the same loop it was handed to. Used by one coroutine at a time.
 */
final class CoroutineConnection implements Connection {

    private final CoroutineContext context;
    private final LoopStream connection;

    CoroutineConnection(CoroutineContext context, LoopStream connection) {
        this.context = context;
        this.connection = connection;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        context.<Void>io(connection, callback -> connection.write(src, callback));
    }

    @Override
    public void write(String text) throws IOException {
        write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return context.<Integer>io(connection, callback -> connection.read(dst, callback)).value();
    }

    @Override
    public String readLine() throws IOException {
        return context.<String>io(connection, connection::readLine).value();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public void close() {
        connection.close();
        context.closed(this);
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
