package io.digitgan.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the repository is ({@link #ROOT}; the tests run in e2e-tests/), and the tests' data folders,
 * one per test under {@code target/runs/}: emptied when the test starts and left after it, so that a
 * failed test's logs and files can be read, and the disk holds one run of each (a folder in /tmp per
 * run added up to gigabytes; {@code mvn clean} removes them all).
 */
final class DataFolders {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MNIST = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private DataFolders() {
    }

    /** An empty folder {@code target/runs/<name>} with a copy of MNIST in {@code mnist/}. */
    static Path fresh(String name) throws IOException {
        Path dir = ROOT.resolve("e2e-tests/target/runs").resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir.resolve("mnist"));
        for (String f : MNIST) {
            Files.copy(ROOT.resolve("data/mnist").resolve(f), dir.resolve("mnist").resolve(f));
        }
        System.out.println("data folder: " + dir);
        return dir;
    }
}
