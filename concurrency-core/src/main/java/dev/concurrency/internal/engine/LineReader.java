package dev.concurrency.internal.engine;

import dev.concurrency.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Splits bytes read from a connection into UTF-8 lines ended by {@code \n}
 * (dropping a preceding {@code \r}), keeping what follows the line for the
 * next read. Used by every engine's connections; not thread-safe (a
 * connection belongs to one task).
 */
public final class LineReader {

    private static final int CHUNK = 8192;

    /** Bytes read from the channel and not yet consumed; in read mode between calls. */
    private ByteBuffer buffer = ByteBuffer.allocate(CHUNK).flip();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /** @return whether bytes read from the channel wait to be consumed */
    public boolean hasBuffered() {
        return buffer.hasRemaining();
    }

    /**
     * Moves buffered bytes into {@code dst}.
     *
     * @param dst where to put them
     * @return how many were moved
     */
    public int drainInto(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), buffer.remaining());
        ByteBuffer slice = buffer.slice(buffer.position(), n);
        dst.put(slice);
        buffer.position(buffer.position() + n);
        return n;
    }

    /**
     * The next complete line among the buffered bytes.
     *
     * @return the line, or {@code null} if more bytes are needed
     * @throws IOException if the line grows past {@link Connection#MAX_LINE_BYTES} (a peer that
     *                     never ends its line must not fill the heap)
     */
    public String nextLine() throws IOException {
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (b == '\n') {
                return takeLine();
            }
            if (line.size() >= Connection.MAX_LINE_BYTES) {
                line.reset();
                throw new IOException("a line longer than " + Connection.MAX_LINE_BYTES
                        + " bytes (Connection.MAX_LINE_BYTES) arrived; read it with read(ByteBuffer)");
            }
            line.write(b);
        }
        return null;
    }

    /**
     * The buffer to read more bytes into, in write mode. Call only after
     * {@link #nextLine()} returned {@code null} (everything was consumed), and
     * call {@link #endFill()} after reading.
     *
     * @return the buffer to fill
     */
    public ByteBuffer beginFill() {
        return buffer.clear();
    }

    /** Makes the bytes just read into {@link #beginFill()}'s buffer available. */
    public void endFill() {
        buffer.flip();
    }

    /**
     * What remains at end of stream.
     *
     * @return the unterminated last line, or {@code null} if there is none
     */
    public String rest() {
        return line.size() == 0 ? null : takeLine();
    }

    private String takeLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

}
