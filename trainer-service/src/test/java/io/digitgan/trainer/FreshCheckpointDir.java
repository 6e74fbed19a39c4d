package io.digitgan.trainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Each test JVM gets an empty checkpoint store, so runs of earlier test runs never interfere. */
public class FreshCheckpointDir implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            return Map.of("digitgan.checkpoints.dir",
                    Files.createTempDirectory(java.nio.file.Path.of("target"), "checkpoints-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {}
}
