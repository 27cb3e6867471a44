package dev.concurrency.hazelcast.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags Hazelcast asks for on JDK 17 and later (its "Running in
 * Modular Java" page), given to every member JVM. Without them Hazelcast
 * works but logs warnings and falls back to slower paths.
 * {@code --sun-misc-unsafe-memory-access=allow} only exists from JDK 23 (older
 * JVMs refuse unknown options); from JDK 24 it keeps the JVM from warning on
 * stderr that Hazelcast uses {@code sun.misc.Unsafe}.
 */
final class HazelcastFlags {

    private static final List<String> MODULAR_JAVA = List.of(
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
    /** The first JDK that knows {@code --sun-misc-unsafe-memory-access}. */
    private static final int UNSAFE_FLAG_SINCE = 23;

    private HazelcastFlags() {
    }

    /** {@return the flags for a member JVM run by this JVM's {@code java}} */
    static List<String> forMembers() {
        List<String> flags = new ArrayList<>(MODULAR_JAVA);
        if (Runtime.version().feature() >= UNSAFE_FLAG_SINCE) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }
}
