package dev.concurrency.tests.process;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Starts a program the way {@code mvn exec:java} and IDE launchers do: this
 * JVM's {@code java.class.path} holds only this class; the program's classes
 * come from a class loader of URLs, set as the main thread's context class
 * loader. Uses nothing but the JDK.
 */
public final class IsolatingLauncher {

    private IsolatingLauncher() {
    }

    /**
     * @param args the program's class path, its main class, then its arguments
     * @throws Exception whatever the program throws
     */
    public static void main(String[] args) throws Exception {
        String[] entries = args[0].split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader("launched", urls, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Method main = loader.loadClass(args[1]).getMethod("main", String[].class);
            String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
            main.invoke(null, (Object) rest);
        }
    }
}
