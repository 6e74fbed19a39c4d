package io.digitgan.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

/**
 * The fault tests' outcomes, one line each, into {@code target/reliability.md}: what
 * {@code scripts/reliability.sh} collects into docs/RELIABILITY.md.
 */
final class Reliability {

    private Reliability() {}

    static synchronized void record(String fault, String outcome) {
        Path file = Path.of("target", "reliability.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "| " + LocalDate.now() + " | " + fault + " | " + outcome + " |\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
