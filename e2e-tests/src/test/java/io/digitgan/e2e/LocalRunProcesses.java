package io.digitgan.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The processes of one local run: those that name its data folder on their command line (Kafka)
 * or in their environment (the services get their checkpoint folder there). Not every
 * {@code quarkus-run.jar}: the services' own tests may run one beside these tests.
 */
final class LocalRunProcesses {

    private LocalRunProcesses() {}

    /** "pid command line" of each process of the run in {@code data} still alive. */
    static List<String> of(Path data) {
        String dir = data.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false) || environmentNames(p, dir))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    private static boolean environmentNames(ProcessHandle p, String dir) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "environ"), StandardCharsets.ISO_8859_1)
                    .contains(dir);
        } catch (IOException | SecurityException e) {
            return false; // gone meanwhile, or not ours to read
        }
    }
}
