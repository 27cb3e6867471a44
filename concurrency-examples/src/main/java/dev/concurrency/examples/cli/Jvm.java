package dev.concurrency.examples.cli;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the example programs start another JVM: this JVM's {@code java}, its
 * class path (plus where the examples' classes came from, which a launcher
 * may hide) and, if asked, its own JVM flags.
 */
public final class Jvm {

    /** The JVM flag that lets EVENT_LOOP use virtual threads scheduled by the loop, as the JVM reports it. */
    public static final String OPEN_JAVA_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    private Jvm() {
    }

    /** @return the {@code java} launcher of this JVM */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return this JVM's class path, plus where this class came from (a launcher may hide it) */
    public static String classPath() {
        String path = System.getProperty("java.class.path", "");
        try {
            var source = Jvm.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                String own = Path.of(source.getLocation().toURI()).toString();
                path = path.isEmpty() ? own : own + File.pathSeparator + path;
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // the class path alone, then
        }
        return path;
    }

    /**
     * @return this JVM's flags as it was started with them, but for agents and
     *         debuggers (a child needs neither), and for the class path
     */
    public static List<String> flags() {
        List<String> flags = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib:") && !arg.startsWith("-javaagent:") && !arg.startsWith("-agentpath:")
                    && !arg.startsWith("-Xdebug") && !arg.startsWith("-Xrunjdwp")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    /** @return whether {@code flag} opens {@code java.lang} to the unnamed module, in either spelling */
    public static boolean opensJavaLang(String flag) {
        return flag.startsWith("--add-opens") && flag.contains("java.base/java.lang=");
    }

    /**
     * @param flags     JVM flags (see {@link #flags()})
     * @param mainClass the class to run
     * @param args      its arguments
     * @return the command line of a JVM on this one's class path
     */
    public static List<String> command(List<String> flags, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(flags);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
