package dev.concurrency.internal.process;

import dev.concurrency.Gil;
import dev.concurrency.GilStats;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.time.Duration;

/**
 * What parent and worker say to each other, one {@link Frames frame} each,
 * written field by field (tasks and results inside are serialized objects).
 *
 * <pre>
 *  worker -> parent  Ready   once, as soon as the worker's main runs
 *  parent -> worker  Job     a task to run (only when the worker is idle)
 *  worker -> parent  Reply   the task's result or exception
 * </pre>
 * Closing the worker's standard input tells it to exit.
 */
sealed interface Message {

    /** @return the byte that starts this kind of message */
    byte type();

    /**
     * Writes the fields after the type.
     *
     * @param out the stream
     * @throws IOException if it cannot
     */
    void writeFields(DataOutputStream out) throws IOException;

    /**
     * The worker is ready for jobs.
     *
     * @param pid its process id
     */
    record Ready(long pid) implements Message {
        static final byte TYPE = 1;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(DataOutputStream out) throws IOException {
            out.writeLong(pid);
        }

        static Ready readFields(DataInputStream in) throws IOException {
            return new Ready(in.readLong());
        }
    }

    /**
     * A task to run.
     *
     * @param id    the job's number within its worker
     * @param index the task's position in its run, or {@link dev.concurrency.TaskInfo#SUBMITTED}
     * @param name  the task's name
     * @param task  the serialized task
     * @param gil   the interpreter lock the worker runs its tasks under
     */
    record Job(long id, int index, String name, byte[] task, Gil gil) implements Message {
        static final byte TYPE = 2;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(DataOutputStream out) throws IOException {
            out.writeLong(id);
            out.writeInt(index);
            Frames.writeBytes(out, name.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // no 64 KiB cap, as writeUTF has
            Frames.writeBytes(out, task);
            out.writeByte(switch (gil.kind()) {
                case OFF -> 0;
                case PYTHON3 -> 1;
                case PYTHON2 -> 2;
            });
            out.writeLong(gil.kind() == Gil.Kind.PYTHON3 ? gil.switchInterval().orElseThrow().toNanos() : 0);
            out.writeInt(gil.kind() == Gil.Kind.PYTHON2 ? gil.checkInterval().orElseThrow() : 0);
        }

        static Job readFields(DataInputStream in) throws IOException {
            long id = in.readLong();
            int index = in.readInt();
            String name = new String(Frames.readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
            byte[] task = Frames.readBytes(in);
            int kind = in.readByte();
            long switchNanos = in.readLong();
            int checkInterval = in.readInt();
            Gil gil = switch (kind) {
                case 0 -> Gil.off();
                case 1 -> Gil.python3(Duration.ofNanos(switchNanos));
                case 2 -> Gil.python2(checkInterval);
                default -> throw new StreamCorruptedException("GIL kind: " + kind + " (expected: 0..2)");
            };
            return new Job(id, index, name, task, gil);
        }
    }

    /**
     * How a job ended.
     *
     * @param id       the job's number
     * @param success  whether {@code payload} is the serialized result (else the serialized exception)
     * @param payload  the serialized result or exception
     * @param gil      what the worker's interpreter lock did for this task
     * @param cpuNanos the worker process's CPU time so far
     */
    record Reply(long id, boolean success, byte[] payload, GilStats gil, long cpuNanos) implements Message {
        static final byte TYPE = 3;

        @Override
        public byte type() {
            return TYPE;
        }

        @Override
        public void writeFields(DataOutputStream out) throws IOException {
            out.writeLong(id);
            out.writeBoolean(success);
            Frames.writeBytes(out, payload);
            out.writeLong(gil.acquisitions());
            out.writeLong(gil.waitTime().toNanos());
            out.writeLong(gil.holdTime().toNanos());
            out.writeLong(gil.forcedDrops());
            out.writeLong(gil.switches());
            out.writeLong(cpuNanos);
        }

        static Reply readFields(DataInputStream in) throws IOException {
            long id = in.readLong();
            boolean success = in.readBoolean();
            byte[] payload = Frames.readBytes(in);
            GilStats gil = new GilStats(in.readLong(), Duration.ofNanos(in.readLong()), Duration.ofNanos(in.readLong()),
                    in.readLong(), in.readLong());
            return new Reply(id, success, payload, gil, in.readLong());
        }
    }
}
