package io.digitgan.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a JVM a test starts (a service from its jar, a broker): this JVM's
 * {@code java}, then the options in {@code DIGITGAN_JAVA_OPTS}, which the build sets for every test
 * JVM (C1 only and the serial collector: short-lived JVMs on two cores spend a third less CPU), then
 * {@code args}.
 */
public final class ChildJava {

    private ChildJava() {}

    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options());
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** The options in {@code DIGITGAN_JAVA_OPTS}, split on white space (none when it is unset). */
    private static List<String> options() {
        String opts = System.getenv().getOrDefault("DIGITGAN_JAVA_OPTS", "").strip();
        return opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    }
}
