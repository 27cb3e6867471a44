package dev.concurrency.internal.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.StreamCorruptedException;

/**
 * Frames of the channel between parent and worker: a 4-byte marker (bytes no
 * text starts with, so a stream that is not this channel is told apart at
 * once), a type byte, then the {@link Message}'s fields; tasks, results and
 * exceptions inside are length-prefixed bytes of one {@link ObjectOutputStream}
 * each, so no frame refers back to another and a reader never grows.
 */
final class Frames {

    /** Starts every frame. */
    static final int MARKER = 0xC0CCF4A3;

    /** The largest serialized object either side accepts. */
    static final int MAX_OBJECT_BYTES = 1 << 30;

    private Frames() {
    }

    /**
     * Writes one frame and flushes.
     *
     * @param out     the stream
     * @param message what to send
     * @throws IOException if it cannot be written
     */
    static void write(DataOutputStream out, Message message) throws IOException {
        out.writeInt(MARKER);
        out.writeByte(message.type());
        message.writeFields(out);
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @param in the stream
     * @return the message, or {@code null} at the end of the stream
     * @throws IOException if the stream breaks or holds something else than frames
     */
    static Message read(DataInputStream in) throws IOException {
        int marker;
        try {
            marker = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (marker != MARKER) {
            throw new NotAFrameException(marker);
        }
        try {
            byte type = in.readByte();
            return switch (type) {
                case Message.Ready.TYPE -> Message.Ready.readFields(in);
                case Message.Job.TYPE -> Message.Job.readFields(in);
                case Message.Reply.TYPE -> Message.Reply.readFields(in);
                default -> throw new StreamCorruptedException("message type: " + type + " (expected: 1..3)");
            };
        } catch (EOFException e) {
            return null; // the other side died in the middle of a frame
        }
    }

    /** Writes a length-prefixed byte array. */
    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeBytes} wrote. */
    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_OBJECT_BYTES) {
            throw new StreamCorruptedException("length: " + length + " (expected: 0.." + MAX_OBJECT_BYTES + ")");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** The stream holds something else than a frame where one should start. */
    static final class NotAFrameException extends StreamCorruptedException {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        NotAFrameException(int header) {
            super("frame marker: " + Integer.toHexString(header) + " (expected: " + Integer.toHexString(MARKER)
                    + "); something else than the library wrote to the channel");
        }
    }
}
