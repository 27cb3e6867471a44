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
    /** The buffer of a connection that has read nothing yet: an idle connection costs no buffer. */
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /**
     * Bytes read from the channel and not yet consumed, in read mode between
     * calls: {@link #NOTHING}, this reader's own buffer, a shared buffer being
     * read (until {@link #stash()}), or the bytes a stash kept.
     */
    private ByteBuffer buffer = NOTHING;
    /** The buffer a blocking connection reads into; made by its first fill. */
    private ByteBuffer own;
    /** The shared buffer {@link #buffer} is while a loop's connection reads; {@code null} otherwise. */
    private ByteBuffer shared;
    /** The line being assembled; made when the first line spans two reads. */
    private ByteArrayOutputStream line;

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
        if (!buffer.hasRemaining()) {
            return null;
        }
        byte[] bytes = buffer.array();
        int from = buffer.arrayOffset() + buffer.position();
        int to = buffer.arrayOffset() + buffer.limit();
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                buffer.position(i + 1 - buffer.arrayOffset());
                if (line == null || line.size() == 0) {
                    return decode(bytes, from, i - from); // the whole line was in one read: no copy
                }
                append(bytes, from, i - from);
                return takeLine();
            }
        }
        append(bytes, from, to - from);
        buffer.position(buffer.limit());
        return null;
    }

    private void append(byte[] bytes, int from, int length) throws IOException {
        if (line == null) {
            line = new ByteArrayOutputStream(Math.max(64, length));
        }
        if (line.size() + length > Connection.MAX_LINE_BYTES) {
            line.reset();
            throw new IOException("a line longer than " + Connection.MAX_LINE_BYTES
                    + " bytes (Connection.MAX_LINE_BYTES) arrived; read it with read(ByteBuffer)");
        }
        line.write(bytes, from, length);
    }

    private static String decode(byte[] bytes, int from, int length) {
        int n = length > 0 && bytes[from + length - 1] == '\r' ? length - 1 : length;
        return new String(bytes, from, n, StandardCharsets.UTF_8);
    }

    /**
     * The buffer to read more bytes into, in write mode. Call only after
     * {@link #nextLine()} returned {@code null} (everything was consumed), and
     * call {@link #endFill()} after reading.
     *
     * @return the buffer to fill
     */
    public ByteBuffer beginFill() {
        if (own == null) {
            own = ByteBuffer.allocate(CHUNK);
        }
        buffer = own;
        return buffer.clear();
    }

    /**
     * Like {@link #beginFill()}, into a buffer shared by the connections of one
     * loop (one thread), so that a connection waiting for data holds none: call
     * {@link #stash()} before anything else may read into it.
     *
     * @param scratch the loop's buffer
     * @return it, cleared, to fill
     */
    public ByteBuffer beginFill(ByteBuffer scratch) {
        shared = scratch;
        buffer = scratch;
        return buffer.clear();
    }

    /**
     * Keeps what is left unread of the shared buffer (lines that came in the
     * same read), in a buffer of its own of just that size, and lets go of the
     * shared one. Does nothing if the shared buffer is not in use.
     */
    public void stash() {
        if (shared == null || buffer != shared) {
            shared = null;
            return;
        }
        shared = null;
        if (!buffer.hasRemaining()) {
            buffer = NOTHING;
            return;
        }
        ByteBuffer kept = ByteBuffer.allocate(buffer.remaining());
        kept.put(buffer).flip();
        buffer = kept;
    }

    /** Makes the bytes just read into {@link #beginFill()}'s (or the shared) buffer available. */
    public void endFill() {
        buffer.flip();
    }

    /**
     * What remains at end of stream.
     *
     * @return the unterminated last line, or {@code null} if there is none
     */
    public String rest() {
        return line == null || line.size() == 0 ? null : takeLine();
    }

    private String takeLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        return decode(bytes, 0, bytes.length);
    }

}
