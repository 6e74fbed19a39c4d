package io.digitgan.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a child JVM whose classpath lacks the native jar and whose DJL cache is empty, starting the
 * engine must fail at once with the explained error, not try a download.
 */
class NativeLibraryMissingTest {

    @TempDir
    Path emptyCache;

    private static Process run(String classpath, Path cache) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", classpath, "-DDJL_CACHE_DIR=" + cache,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", StartEngineMain.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void withoutTheNativeJarTheErrorSaysWhatToCheck() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("pytorch-native"))
                .collect(Collectors.joining(File.pathSeparator));
        Process p = run(classpath, emptyCache);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "fails fast instead of hanging on a download");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(3, p.exitValue(), out);
        assertTrue(out.contains("PyTorch native library could not be loaded"), out);
        assertTrue(out.contains("pytorch-native-cpu"), out);
        try (var files = Files.list(emptyCache)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".so")), "nothing was downloaded");
        }
    }

    @Test
    void withTheNativeJarItStartsOffline() throws Exception {
        Process p = run(System.getProperty("java.class.path"), emptyCache);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("ENGINE STARTED"), out);
    }
}
