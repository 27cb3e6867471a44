package dev.concurrency.internal.process;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The socket one worker calls back on, so frames travel apart from the
 * worker's standard streams: whatever a task (or a process it starts) writes
 * to file descriptor 1 is only output, logged as such, and never breaks the
 * channel. A Unix-domain socket in a fresh directory only this user may
 * enter, accepted once, then removed.
 *
 * <p>Used by one slot's thread; {@link #close()} may be called from any thread.
 */
final class Rendezvous implements AutoCloseable {

    private final Path directory;
    private final Path path;
    private final ServerSocketChannel server;

    private Rendezvous(Path directory, Path path, ServerSocketChannel server) {
        this.directory = directory;
        this.path = path;
        this.server = server;
    }

    /**
     * @return a socket listening for one worker
     * @throws IOException if no socket can be made in the temporary directory
     */
    static Rendezvous open() throws IOException {
        Path directory = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory("concurrency-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory("concurrency-");
        Path path = directory.resolve("w");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(directory);
            throw e;
        }
        return new Rendezvous(directory, path, server);
    }

    /** @return what the worker is given to connect to */
    String address() {
        return path.toString();
    }

    /**
     * Waits for the worker to connect; {@link #close()} from another thread
     * ends the wait (the worker exited first, or took too long). The socket is
     * removed either way.
     *
     * @return the connection
     * @throws IOException if closed before the worker connected
     */
    SocketChannel accept() throws IOException {
        try {
            return server.accept();
        } finally {
            close();
        }
    }

    /** Stops listening and removes the socket; idempotent. */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // the directory is in the temporary directory, and empty or gone; nothing more to do
        }
    }
}
