package io.digitgan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository root and the command-line tools the checks run. */
final class Project {

    private Project() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("k8s/base/kustomization.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside the DigitGAN repository: no k8s/base/kustomization.yaml above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Runs a tool in the repository root; its stdout, or an error with its stderr. */
    static String run(String... command) {
        return runIn(root(), command);
    }

    /** Runs a tool in {@code dir}; its stdout, or an error with its output. */
    static String runIn(Path dir, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            Path err = Files.createTempFile("deploy-check", ".err");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in 120 s");
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n"
                        + new String(out, StandardCharsets.UTF_8) + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("error=2")) {
                throw new AssertionError(command[0] + " is not installed: .ci/run installs it (kubectl:"
                        + " Debian's kubernetes-client; docker-compose: Debian's docker-compose; promtool: Debian's"
                        + " prometheus)", e);
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
