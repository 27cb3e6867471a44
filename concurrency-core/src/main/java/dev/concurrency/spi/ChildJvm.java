package dev.concurrency.spi;

import dev.concurrency.internal.process.WorkerClassPath;
import dev.concurrency.internal.process.WorkerCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a provider starts JVMs of its own (a cluster's members) the way
 * {@link dev.concurrency.Strategy#PROCESS} starts its workers, and how their
 * main class makes sure they never outlive this JVM.
 *
 * <p>{@link #command} gives this JVM's own {@code java}, its flags (less those
 * that would log every child's GC or open a debugger port twice), quiet JVM
 * logging on standard error, the caller's flags, a class path gathered from
 * where the library and the given classes were loaded, and the main class.
 * {@link #haltWhenParentExits()}, called first thing in the child's
 * {@code main}, halts the child as soon as its parent has gone, even by
 * {@code kill -9}.
 *
 * <pre>{@code
 * List<String> command = ChildJvm.command(List.of("-Xmx256m"), Optional.empty(), MemberMain.class,
 *         List.of(HazelcastInstance.class), List.of("--id", "1"));
 * Process member = new ProcessBuilder(command).start();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ChildJvm {

    /** How often a child checks that its parent is alive. */
    private static final Duration PARENT_CHECK = Duration.ofMillis(100);

    private ChildJvm() {
    }

    /**
     * The command line of a child JVM.
     *
     * @param flags     extra JVM flags, after those taken from this JVM (so they win)
     * @param classPath the child's class path as {@code java -cp} takes it, or empty to gather it from this JVM
     * @param main      the child's main class
     * @param needed    classes whose locations the gathered class path must hold (ignored with an explicit one)
     * @param arguments the program's arguments, after the main class
     * @return the command, ready for a {@link ProcessBuilder}
     * @throws NullPointerException if an argument is null or holds null
     */
    public static List<String> command(List<String> flags, Optional<String> classPath, Class<?> main,
                                       List<Class<?>> needed, List<String> arguments) {
        Objects.requireNonNull(main, "main is null");
        WorkerClassPath path = WorkerClassPath.discover(Objects.requireNonNull(classPath, "classPath is null"));
        if (classPath.isEmpty()) {
            path = path.with(main);
            for (Class<?> type : needed) {
                path = path.with(type);
            }
        }
        List<String> command = new ArrayList<>(WorkerCommand.build(List.copyOf(flags), path, main));
        command.addAll(List.copyOf(arguments));
        return command;
    }

    /**
     * Halts this JVM (status 0) as soon as its parent process has exited,
     * checked every 0.1 s on a daemon thread; halts at once if it is already
     * gone. A process handle compares start times, so a reused pid does not
     * fool it. Call it first thing in a child's {@code main}.
     */
    public static void haltWhenParentExits() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || !parent.get().isAlive()) {
            Runtime.getRuntime().halt(0); // orphaned before we even started
        }
        Thread.ofPlatform().daemon().name("concurrency-parent-watch").start(() -> {
            try {
                while (parent.get().isAlive()) {
                    Thread.sleep(PARENT_CHECK);
                }
            } catch (InterruptedException e) {
                // nobody interrupts it; halt all the same
            }
            Runtime.getRuntime().halt(0);
        });
    }
}
