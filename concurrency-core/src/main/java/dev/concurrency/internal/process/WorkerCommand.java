package dev.concurrency.internal.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker process: this JVM's own {@code java}, class
 * path (and module path) and flags, the channel-keeping flags below, then the
 * user's worker flags, and {@link WorkerMain}.
 *
 * <p>A worker's output goes to the parent's log, so workers stay quiet: the
 * JVM's own messages and unified logging go to standard error at warning
 * level, and flags of this JVM that would log every worker's GC or class
 * loading ({@code -Xlog...}, {@code -verbose...}) or open a debugger port a
 * second time ({@code jdwp}) are not carried over. The {@link Rendezvous}
 * socket's path follows as the one argument. {@link ProcessEngine} puts the
 * flags of its {@link ClassDataCache} before the user's.
 */
public final class WorkerCommand {

    /** Flags every worker gets, before the user's. */
    private static final List<String> CHANNEL_FLAGS = List.of(
            "-XX:+DisplayVMOutputToStderr",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr",
            "-XX:+ExitOnOutOfMemoryError");

    private WorkerCommand() {
    }

    /**
     * @param userFlags the runner's {@code workerJvmFlags}
     * @param classPath where the worker finds its classes
     * @return the command, ready for a {@link ProcessBuilder}
     */
    static List<String> build(List<String> userFlags, WorkerClassPath classPath) {
        return build(userFlags, classPath, WorkerMain.class);
    }

    /**
     * @param userFlags the child's extra JVM flags
     * @param classPath where the child finds its classes
     * @param main      the child's main class
     * @return the command, ready for a {@link ProcessBuilder}, without the program's arguments
     */
    public static List<String> build(List<String> userFlags, WorkerClassPath classPath, Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (carried(flag)) {
                command.add(flag);
            }
        }
        command.addAll(CHANNEL_FLAGS);
        command.addAll(userFlags);
        if (!classPath.entries().isEmpty()) {
            command.add("-cp");
            command.add(classPath.asArgument());
        }
        Module module = main.getModule();
        String modulePath = System.getProperty("jdk.module.path", "");
        if (module.isNamed() && !modulePath.isEmpty()) {
            command.add("--module-path");
            command.add(modulePath);
            command.add("--add-modules");
            command.add("ALL-MODULE-PATH");
            command.add("--module");
            command.add(module.getName() + "/" + main.getName());
        } else {
            command.add(main.getName());
        }
        return command;
    }

    /**
     * @param flag an input argument of this JVM
     * @return whether workers get it too
     */
    static boolean carried(String flag) {
        return !(flag.startsWith("-agentlib:jdwp") || flag.startsWith("-Xrunjdwp") || flag.equals("-Xdebug")
                || flag.startsWith("-Xlog") || flag.startsWith("-verbose")
                || flag.startsWith("-Djdk.module.main") || flag.startsWith("-Djava.class.path"));
    }
}
